// Credit and usage: balance, grants with a reason, a month's usage, a Checkout link for a top-up.
import { z } from "zod";
import { recordAudit } from "../../admin/audit";
import { AdminError } from "../../admin/admin-error";
import { userByEmail } from "../../admin/user-by-email";
import { grantCredit } from "../../admin/accounts";
import { creditBalance, monthUsage } from "../../admin/users";
import { isStripeConfigured } from "../../billing/stripe/client";
import { createTopUpCheckout } from "../../billing/stripe/create-checkout-session";
import { db } from "../../db/client";
import { formatUsd, microsToUsd, usdToMicros } from "../../money";
import { defineTool, email, usd } from "../tool";

export const getCreditBalance = defineTool({
  name: "get_credit_balance",
  title: "Get a credit balance",
  description: "A user's balance in USD, and the part of it held for requests in flight.",
  input: { email },
  mutates: false,
  async run(args) {
    const balance = await creditBalance(args.email);
    return {
      summary: `${balance.email}: balance ${formatUsd(balance.balanceMicros)}`,
      data: {
        email: balance.email,
        balance_usd: microsToUsd(balance.balanceMicros),
        held_usd: microsToUsd(balance.heldMicros),
        available_usd: microsToUsd(balance.balanceMicros - balance.heldMicros),
      },
    };
  },
});

export const grantCredits = defineTool({
  name: "grant_credits",
  title: "Grant credits",
  description: "Adds credit to a user's balance: a ledger entry naming you and the reason, and an audit entry.",
  input: {
    email,
    usd: usd.describe("The amount to add in US dollars (positive, at most six decimals)"),
    reason: z.string().max(500).describe("Why, for the ledger and the audit log (required)"),
  },
  mutates: true,
  async run(args, { actor }) {
    const { balanceMicros, grantedMicros } = await grantCredit(
      actor,
      { email: args.email },
      { amountUsd: args.usd, reason: args.reason },
    );
    return {
      summary: `granted ${formatUsd(grantedMicros)} to ${args.email.trim().toLowerCase()}; balance ${formatUsd(balanceMicros)}`,
      data: {
        email: args.email.trim().toLowerCase(),
        granted_usd: microsToUsd(grantedMicros),
        balance_usd: microsToUsd(balanceMicros),
      },
    };
  },
});

export const getUsage = defineTool({
  name: "get_usage",
  title: "Get usage",
  description: "Cost, tokens and requests of a user in one UTC month (the current month when `month` is not given).",
  input: {
    email,
    month: z.string().max(7).optional().describe("The month, YYYY-MM (UTC); the current month by default"),
  },
  mutates: false,
  async run(args) {
    const usage = await monthUsage(args.email, args.month);
    return {
      summary: `${usage.email} in ${usage.month}: ${formatUsd(usage.costMicros)}, ${usage.tokens} tokens, ${usage.requests} requests`,
      data: {
        email: usage.email,
        month: usage.month,
        cost_usd: microsToUsd(usage.costMicros),
        prompt_tokens: usage.promptTokens,
        completion_tokens: usage.completionTokens,
        tokens: usage.tokens,
        requests: usage.requests,
        errors: usage.errors,
      },
    };
  },
});

export const createCheckoutUrl = defineTool({
  name: "create_checkout_url",
  title: "Create a Checkout URL",
  description:
    "A Stripe Checkout link for the user to top up `usd` by card (when Stripe is configured). Credit arrives only " +
    "when Stripe confirms the payment.",
  input: { email, usd: usd.describe("The top-up in US dollars (whole cents, within the site's top-up bounds)") },
  mutates: true,
  async run(args, { actor, origin }) {
    if (!isStripeConfigured()) throw new AdminError("Card top-ups are not configured on this server (no Stripe key)");
    if (!origin) throw new AdminError("The site's origin is unknown (set AUTH_URL): Checkout needs it to return");
    const user = await userByEmail(db(), args.email);
    const checkout = await createTopUpCheckout({ userId: user.id, email: user.email, amountUsd: args.usd, origin });
    await db().$transaction((tx) =>
      recordAudit(tx, actor, {
        action: "checkout.create",
        target: { type: "user", id: user.id },
        after: { email: user.email, amountUsd: formatUsd(usdToMicros(args.usd)), sessionId: checkout.sessionId },
      }),
    );
    return {
      summary: `Checkout for ${formatUsd(usdToMicros(args.usd))} for ${user.email}: ${checkout.url}`,
      data: { email: user.email, usd: args.usd, url: checkout.url, session_id: checkout.sessionId },
    };
  },
});
