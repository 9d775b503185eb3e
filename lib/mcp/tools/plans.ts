// Plans: list them with their limits, and put an account on one (lib/plans/plans.ts: audited, applied within a second).
import { z } from "zod";
import { listPlans, setAccountPlan } from "../../plans/plans";
import { defineTool, email } from "../tool";

export const listPlansTool = defineTool({
  name: "list_plans",
  title: "List plans",
  description:
    "The plans, each with its limits (null: none of its own) and the number of accounts on it. An account's keys " +
    "can only lower its plan's limits.",
  input: {},
  mutates: false,
  async run() {
    const plans = await listPlans();
    return {
      summary: plans.map((plan) => `${plan.name} (${plan.accounts} account(s))`).join(", "),
      data: {
        plans: plans.map((plan) => ({
          id: plan.id,
          name: plan.name,
          rpm: plan.rpmLimit,
          rpd: plan.rpdLimit,
          tpm: plan.tpmLimit,
          concurrency: plan.concurrencyLimit,
          accounts: plan.accounts,
        })),
      },
    };
  },
});

export const setPlanTool = defineTool({
  name: "set_plan",
  title: "Put an account on a plan",
  description: "Puts a user's account on a plan, named by its name or id (see list_plans). Applies within a second.",
  input: { email, plan: z.string().min(1).max(100).describe("The plan's name or id, such as Pro or payg") },
  mutates: true,
  async run(args, { actor }) {
    const plan = await setAccountPlan(actor, { email: args.email }, args.plan);
    return { summary: `${args.email} is on the ${plan} plan`, data: { email: args.email, plan } };
  },
});
