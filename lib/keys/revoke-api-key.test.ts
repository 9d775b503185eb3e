import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../db/testing";
import { onUserCreated } from "../auth/on-user-created";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";

const prisma = useTestPrisma("switchyard_unit_keys");

describe("dashboard keys", () => {
  it("refuses another user's key id as not found and leaves that key working", async () => {
    const owner = await prisma().user.create({ data: { email: "owner@example.test" } });
    const intruder = await prisma().user.create({ data: { email: "intruder@example.test" } });
    const created = await createApiKey(prisma(), owner.id, {
      name: "prod",
      rpmLimit: 60,
      monthlyBudgetMicros: 2_500_000n,
      allowedModels: [],
      allowedIps: [],
    });

    expect(await revokeApiKey(prisma(), intruder.id, created.id)).toBe("not-found");
    expect((await prisma().apiKey.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).toBeNull();

    expect(await revokeApiKey(prisma(), owner.id, created.id)).toBe("revoked");
    expect(await revokeApiKey(prisma(), owner.id, created.id)).toBe("already-revoked");
    expect(await revokeApiKey(prisma(), intruder.id, created.id)).toBe("not-found");
  });

  it("stores the hash, prefix and last four of the key it returns once", async () => {
    const user = await prisma().user.create({ data: { email: "keys@example.test" } });
    const created = await createApiKey(prisma(), user.id, {
      name: "ci",
      monthlyBudgetMicros: 2_500_000n,
      allowedModels: [],
      allowedIps: [],
    });
    const row = await prisma().apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).not.toContain(created.key);
    expect(created.key.startsWith(row.prefix) && created.key.endsWith(row.lastFour)).toBe(true);
    expect(row.monthlyBudgetMicros).toBe(2_500_000n);
  });

  it("grants the trial credit once and makes a listed email an admin, or the first user where none is listed", async () => {
    await prisma().user.deleteMany();
    const first = await prisma().user.create({ data: { email: "first@example.test" } });
    const second = await prisma().user.create({ data: { email: "second@example.test" } });
    const listed = await prisma().user.create({ data: { email: "Boss@Example.test" } });
    const settings = { signupCreditUsd: 1.5, adminEmails: ["boss@example.test"] };
    await onUserCreated(prisma(), first, settings);
    await onUserCreated(prisma(), first, settings);
    await onUserCreated(prisma(), second, settings);
    await onUserCreated(prisma(), listed, settings);
    const users = await prisma().user.findMany({ orderBy: { createdAt: "asc" } });
    // ADMIN_EMAILS names the admins: whoever signed up first is not one.
    expect(users.map((user) => [user.email, user.isAdmin, user.balanceMicros])).toEqual([
      ["first@example.test", false, 1_500_000n],
      ["second@example.test", false, 1_500_000n],
      ["Boss@Example.test", true, 1_500_000n],
    ]);

    // A gateway that lists no one makes its first user the admin, and nobody after.
    await prisma().user.deleteMany();
    const operator = await prisma().user.create({ data: { email: "operator@example.test" } });
    const customer = await prisma().user.create({ data: { email: "customer@example.test" } });
    const unlisted = { signupCreditUsd: 0, adminEmails: [] };
    await onUserCreated(prisma(), operator, unlisted);
    await onUserCreated(prisma(), customer, unlisted);
    const again = await prisma().user.findMany({ orderBy: { createdAt: "asc" } });
    expect(again.map((user) => [user.email, user.isAdmin])).toEqual([
      ["operator@example.test", true],
      ["customer@example.test", false],
    ]);
  });
});
