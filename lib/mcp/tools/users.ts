// Users: list, look up, create.
import { z } from "zod";
import { createUser, searchUsers } from "../../admin/accounts";
import { userSummary } from "../../admin/users";
import { formatUsd, microsToUsd } from "../../money";
import { defineTool, email, iso } from "../tool";

export const listUsers = defineTool({
  name: "list_users",
  title: "List users",
  description: "Users whose email contains `query` (all users when it is empty), newest first, at most 50.",
  input: { query: z.string().max(200).optional().describe("Part of an email address") },
  mutates: false,
  async run({ query }) {
    const { users, hasMore } = await searchUsers(query ?? "");
    return {
      summary: `${users.length}${hasMore ? "+" : ""} user(s)${query ? ` matching “${query}”` : ""}`,
      data: {
        users: users.map((user) => ({
          id: user.id,
          email: user.email,
          balance_usd: microsToUsd(user.balanceMicros),
          is_admin: user.isAdmin,
          suspended: user.suspendedAt !== null,
          active_keys: user.keys,
          created_at: iso(user.createdAt),
        })),
        has_more: hasMore,
      },
    };
  },
});

export const getUser = defineTool({
  name: "get_user",
  title: "Get a user",
  description: "One user: balance, admin flag, suspension, active keys, and cost, tokens and requests this month.",
  input: { email },
  mutates: false,
  async run(args) {
    const user = await userSummary(args.email);
    return {
      summary: `${user.email}: balance ${formatUsd(user.balanceMicros)}, ${user.activeKeys} active key(s)`,
      data: {
        id: user.id,
        email: user.email,
        name: user.name,
        is_admin: user.isAdmin,
        suspended: user.suspendedAt !== null,
        suspended_reason: user.suspendedReason,
        balance_usd: microsToUsd(user.balanceMicros),
        held_usd: microsToUsd(user.heldMicros),
        active_keys: user.activeKeys,
        this_month: {
          cost_usd: microsToUsd(user.thisMonth.costMicros),
          tokens: user.thisMonth.tokens,
          requests: user.thisMonth.requests,
        },
        created_at: iso(user.createdAt),
      },
    };
  },
});

export const createUserTool = defineTool({
  name: "create_user",
  title: "Create a user",
  description: "Creates an account for an email address (the person signs in with it later). Refused if it exists.",
  input: { email },
  mutates: true,
  async run(args, { actor }) {
    const user = await createUser(actor, args.email);
    return { summary: `created user ${user.email}`, data: { id: user.id, email: user.email } };
  },
});
