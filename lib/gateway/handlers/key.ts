// GET /v1/key: this key's status — credits left, spend today and this month, limits.
import { settings } from "../../admin/settings";
import { db } from "../../db/client";
import { monthStart } from "../../billing/key-budgets";
import { accountSpendThisMonth } from "../../billing/spending-limits";
import { flushUsage } from "../metering/usage-writer";
import { microsToUsd } from "../../money";
import { jsonResponse, type GatewayContext } from "../pipeline";

export async function handleKey(context: GatewayContext): Promise<Response> {
  const { principal } = context;
  // The answer should include this instance's requests that are still in the write queue.
  await flushUsage();
  const now = new Date();
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const accountLimit = principal.spendingLimitMicros;
  const [user, key, spend, accountSpend] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: principal.userId }, select: { balanceMicros: true, heldMicros: true } }),
    db().apiKey.findUniqueOrThrow({
      where: { id: principal.keyId },
      select: { name: true, prefix: true, lastFour: true, createdAt: true, expiresAt: true, allowedIps: true },
    }),
    db().$queryRawUnsafe<Array<{ today: bigint | null; month: bigint | null; requests_today: bigint }>>(
      // From the daily roll-ups (written with the log rows, indexed by key and day), not a scan of the raw log.
      `SELECT SUM(cost_micros) FILTER (WHERE day = $2::date)::bigint AS today, SUM(cost_micros)::bigint AS month,
              COALESCE(SUM(requests) FILTER (WHERE day = $2::date), 0)::bigint AS requests_today
       FROM usage_daily WHERE api_key_id = $1 AND day >= $3::date`,
      principal.keyId,
      dayStart.toISOString().slice(0, 10),
      monthStart(now).toISOString().slice(0, 10),
    ),
    accountLimit === null ? Promise.resolve(0n) : accountSpendThisMonth(principal.userId, now),
  ]);
  const budget = principal.monthlyBudgetMicros;
  const month = spend[0]?.month ?? 0n;
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
        limits: {
          requests_per_minute: principal.rpmLimit ?? settings().defaultKeyRpm,
          tokens_per_minute: principal.tpmLimit,
          monthly_budget_usd: budget === null ? null : microsToUsd(budget),
          monthly_budget_remaining_usd: budget === null ? null : microsToUsd(budget - month > 0n ? budget - month : 0n),
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
