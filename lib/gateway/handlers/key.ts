// GET /v1/key: this key's status — credits left, spend today and this month, every limit with its headroom.
import { db } from "../../db/client";
import { periodEnd, periodStart } from "../../billing/budget-periods";
import { monthStart } from "../../billing/key-budgets";
import { rateLimiter, type CheckResult } from "../../ratelimit/limiter";
import { requestChecks, spendChecks } from "../key-rate-limits";
import { accountSpendThisMonth } from "../../billing/spending-limits";
import { flushUsage } from "../metering/usage-writer";
import { microsToUsd } from "../../money";
import { jsonResponse, type GatewayContext } from "../pipeline";

export async function handleKey(context: GatewayContext): Promise<Response> {
  const { principal } = context;
  // Counted first, so the headroom below includes this request.
  await context.limits.count();
  // The answer should include this instance's requests that are still in the write queue.
  await flushUsage();
  const now = new Date();
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const accountLimit = principal.spendingLimitMicros;
  const budgetSince = periodStart(principal.budgetPeriod, now);
  const since = new Date(Math.min(budgetSince.getTime(), monthStart(now).getTime()));
  const [user, key, spend, accountSpend, headroom] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: principal.userId }, select: { balanceMicros: true, heldMicros: true } }),
    db().apiKey.findUniqueOrThrow({
      where: { id: principal.keyId },
      select: { name: true, prefix: true, lastFour: true, createdAt: true, expiresAt: true, allowedIps: true },
    }),
    db().$queryRawUnsafe<
      Array<{ today: bigint | null; month: bigint | null; period: bigint | null; requests_today: bigint }>
    >(
      // From the daily roll-ups (written with the log rows, indexed by key and day), not a scan of the raw log.
      `SELECT SUM(cost_micros) FILTER (WHERE day = $2::date)::bigint AS today,
              SUM(cost_micros) FILTER (WHERE day >= $3::date)::bigint AS month,
              SUM(cost_micros) FILTER (WHERE day >= $4::date)::bigint AS period,
              COALESCE(SUM(requests) FILTER (WHERE day = $2::date), 0)::bigint AS requests_today
       FROM usage_daily WHERE api_key_id = $1 AND day >= $5::date`,
      principal.keyId,
      dayStart.toISOString().slice(0, 10),
      monthStart(now).toISOString().slice(0, 10),
      budgetSince.toISOString().slice(0, 10),
      since.toISOString().slice(0, 10),
    ),
    accountLimit === null ? Promise.resolve(0n) : accountSpendThisMonth(principal.userId, now),
    rateLimiter().peek(principal.keyId, [...requestChecks(principal), ...spendChecks(principal, 0)]),
  ]);
  const budget = principal.monthlyBudgetMicros;
  const month = spend[0]?.month ?? 0n;
  const budgetSpent = spend[0]?.period ?? 0n;
  return jsonResponse(
    {
      data: {
        name: key.name,
        label: `${key.prefix}…${key.lastFour}`,
        created_at: key.createdAt.toISOString(),
        expires_at: key.expiresAt?.toISOString() ?? null,
        credits_usd: microsToUsd(user.balanceMicros),
        credits_reserved_usd: microsToUsd(user.heldMicros),
        spend_today_usd: microsToUsd(spend[0]?.today ?? 0n),
        spend_month_usd: microsToUsd(month),
        requests_today: Number(spend[0]?.requests_today ?? 0n),
        plan: principal.planName,
        limits: {
          ...rateLimitHeadroom(headroom),
          budget:
            budget === null
              ? null
              : {
                  usd: microsToUsd(budget),
                  period: principal.budgetPeriod,
                  spent_usd: microsToUsd(budgetSpent),
                  remaining_usd: microsToUsd(budget - budgetSpent > 0n ? budget - budgetSpent : 0n),
                  resets_at: periodEnd(principal.budgetPeriod, now).toISOString(),
                },
          // Named before budgets had periods: the budget's amount and what is left of it, whatever its period.
          monthly_budget_usd: budget === null ? null : microsToUsd(budget),
          monthly_budget_remaining_usd:
            budget === null ? null : microsToUsd(budget - budgetSpent > 0n ? budget - budgetSpent : 0n),
          account_monthly_spending_limit_usd: accountLimit === null ? null : microsToUsd(accountLimit),
          account_monthly_spending_limit_remaining_usd:
            accountLimit === null
              ? null
              : microsToUsd(accountLimit - accountSpend > 0n ? accountLimit - accountSpend : 0n),
          models: principal.allowedModels ? [...principal.allowedModels] : null,
          ip_allowlist: key.allowedIps.length > 0 ? key.allowedIps : null,
        },
      },
    },
    200,
    context.headers,
  );
}

interface Headroom {
  limit: number;
  remaining: number;
  /** When the headroom is whole again; null for concurrency (it comes back as requests finish). */
  resets_at: string | null;
}

/** Each rate limit of the key with its headroom as it stands (null: no such limit). */
function rateLimitHeadroom(results: CheckResult[]) {
  const now = Date.now();
  const find = (match: (result: CheckResult) => boolean): Headroom | null => {
    const result = results.find(match);
    if (!result) return null;
    const resetsAt = result.check.kind === "concurrency" ? null : new Date(now + result.resetMs).toISOString();
    return { limit: result.limit, remaining: result.remaining, resets_at: resetsAt };
  };
  const minute = find((result) => result.check.kind === "requests" && result.check.window === "minute");
  const tokens = find((result) => result.check.kind === "tokens");
  return {
    requests_per_minute: minute?.limit ?? null,
    tokens_per_minute: tokens?.limit ?? null,
    rate_limits: {
      requests_per_minute: minute,
      requests_per_day: find((result) => result.check.kind === "requests" && result.check.window === "day"),
      tokens_per_minute: tokens,
      concurrent_requests: find((result) => result.check.kind === "concurrency"),
    },
  };
}
