// Account spending limits: read and set (lib/billing/spending-limit-settings.ts, from branch `accounts`).
import { z } from "zod";
import { AdminError } from "../../admin/admin-error";
import { userByEmail } from "../../admin/user-by-email";
import { getSpendingLimit, setSpendingLimit } from "../../billing/spending-limit-settings";
import { db } from "../../db/client";
import { formatUsd, usdToMicros } from "../../money";
import { defineTool, email, usd } from "../tool";

function limitData(
  address: string | null,
  limit: { limitUsd: number | null; thresholds: number[]; lowBalanceUsd: number | null },
) {
  return {
    email: address,
    limit_usd: limit.limitUsd,
    alert_percents: limit.thresholds,
    low_balance_usd: limit.lowBalanceUsd,
  };
}

export const getSpendingLimitTool = defineTool({
  name: "get_spending_limit",
  title: "Get a spending limit",
  description:
    "A user's monthly spending limit (null: none), its alert thresholds in percent, and the low-balance alert.",
  input: { email },
  mutates: false,
  async run(args) {
    const user = await userByEmail(db(), args.email);
    const limit = await getSpendingLimit(user.id);
    if (!limit) throw new AdminError(`No user with email ${args.email}`, "email");
    return {
      summary: `${user.email}: ${limit.limitUsd === null ? "no monthly limit" : `limit ${formatUsd(usdToMicros(limit.limitUsd))} a month`}`,
      data: limitData(user.email, limit),
    };
  },
});

export const setSpendingLimitTool = defineTool({
  name: "set_spending_limit",
  title: "Set a spending limit",
  description:
    "Sets a user's monthly spending limit (null removes it): at 100 % every key of the account is refused until the " +
    "next month or a higher limit. Alerts are mailed once per threshold and month.",
  input: {
    email,
    usd: usd.nullable().describe("The monthly limit in US dollars; null removes it"),
    alert_percents: z
      .array(z.number().int())
      .max(10)
      .optional()
      .describe("Alert thresholds in percent (default 50, 80, 100)"),
    low_balance_usd: usd.nullable().optional().describe("Alert when the balance falls below this; null: no alert"),
  },
  mutates: true,
  async run(args, { actor }) {
    const user = await userByEmail(db(), args.email);
    const limit = await setSpendingLimit(actor, user.id, {
      limitUsd: args.usd,
      thresholds: args.alert_percents,
      lowBalanceUsd: args.low_balance_usd,
    });
    return { summary: `saved the spending limit of ${user.email}`, data: limitData(user.email, limit) };
  },
});
