// Plans for operators, against a real PostgreSQL: validated, audited, announced; an account put on a plan.
import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "../admin/audit";
import { createTestDatabase } from "../db/testing";

let plans: typeof import("./plans");
let database: typeof import("../db/client");

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase("switchyard_unit_plans");
  plans = await import("./plans");
  database = await import("../db/client");
});

describe("plans", () => {
  it("are seeded Free, Pay as you go and Pro, and a new account is on Pay as you go", async () => {
    expect((await plans.listPlans()).map((plan) => plan.name)).toEqual(["Free", "Pay as you go", "Pro"]);
    const user = await database.db().user.create({ data: { email: "plan-default@example.com" } });
    expect(user.planId).toBe("payg");
  });

  it("change a plan's limits (blank: none), audited and announced; refuse what is not a limit", async () => {
    await plans.updatePlanLimits(cliActor(), "pro", {
      rpmLimit: "500",
      rpdLimit: "",
      tpmLimit: "90000",
      concurrencyLimit: "",
    });
    const pro = (await plans.listPlans()).find((plan) => plan.id === "pro");
    expect(pro).toMatchObject({ rpmLimit: 500, rpdLimit: null, tpmLimit: 90_000, concurrencyLimit: null });
    const audit = await database.db().auditEntry.findFirst({ where: { action: "plan.update" } });
    expect(audit?.targetId).toBe("pro");
    const version = await database.db().controlVersion.findUnique({ where: { scope: "accounts" } });
    expect(version?.version).toBeGreaterThan(0);
    await expect(
      plans.updatePlanLimits(cliActor(), "pro", { rpmLimit: "1.5", rpdLimit: "", tpmLimit: "", concurrencyLimit: "" }),
    ).rejects.toThrow("whole number");
  });

  it("put an account on a plan by name or id, and name the plans when it does not know one", async () => {
    await database.db().user.create({ data: { email: "plan-set@example.com" } });
    expect(await plans.setAccountPlan(cliActor(), { email: "plan-set@example.com" }, "free")).toBe("Free");
    expect(await plans.setAccountPlan(cliActor(), { email: "plan-set@example.com" }, "Pro")).toBe("Pro");
    const user = await database.db().user.findUniqueOrThrow({ where: { email: "plan-set@example.com" } });
    expect(user.planId).toBe("pro");
    await expect(plans.setAccountPlan(cliActor(), { email: "plan-set@example.com" }, "gold")).rejects.toThrow(
      "No plan named 'gold' (plans: Free, Pay as you go, Pro)",
    );
  });
});
