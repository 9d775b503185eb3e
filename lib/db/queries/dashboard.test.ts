// Against a real PostgreSQL: each key's spend this UTC month, summed from the daily roll-ups.
import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../testing";
import { keySpendThisMonth } from "./dashboard";

const prisma = useTestPrisma("switchyard_unit_dashboard_keys");

async function makeUser(keyNames: string[]) {
  const user = await prisma().user.create({ data: { email: `${crypto.randomUUID()}@example.test` } });
  const keyIds = [];
  for (const name of keyNames) {
    const key = await prisma().apiKey.create({
      data: { userId: user.id, name, keyHash: crypto.randomUUID(), prefix: "sy-live-test", lastFour: "abcd" },
    });
    keyIds.push(key.id);
  }
  return { userId: user.id, keyIds };
}

async function usage(userId: string, apiKeyId: string, day: string, model: string, costMicros: bigint) {
  await prisma().usageDaily.create({
    data: { userId, apiKeyId, day: new Date(`${day}T00:00:00Z`), model, requests: 1, costMicros },
  });
}

describe("key spend this month", () => {
  it("sums this UTC month's roll-ups per key of the user, over every model, and nothing else", async () => {
    const owner = await makeUser(["production", "staging", "idle"]);
    const other = await makeUser(["someone else"]);
    const [production, staging, idle] = owner.keyIds;
    await usage(owner.userId, production, "2026-03-01", "openai/gpt-4o-mini", 1_000_000n);
    await usage(owner.userId, production, "2026-03-01", "anthropic/claude-sonnet-4", 230_000n);
    await usage(owner.userId, production, "2026-03-31", "openai/gpt-4o-mini", 7n);
    await usage(owner.userId, production, "2026-02-28", "openai/gpt-4o-mini", 50_000_000n); // last month
    await usage(owner.userId, production, "2025-03-15", "openai/gpt-4o-mini", 60_000_000n); // same month, last year
    await usage(owner.userId, staging, "2026-03-15", "openai/gpt-4o-mini", 420n);
    await usage(other.userId, other.keyIds[0], "2026-03-15", "openai/gpt-4o-mini", 9_000_000n);

    // Late on the last day of the month in UTC (already April in UTC+2): still March.
    const spend = await keySpendThisMonth(owner.userId, { now: new Date("2026-03-31T23:30:00Z"), prisma: prisma() });
    expect(spend).toEqual(
      new Map([
        [production, 1_230_007n],
        [staging, 420n],
      ]),
    );
    expect(spend.has(idle)).toBe(false);

    // On the 1st of April, March no longer counts.
    expect(await keySpendThisMonth(owner.userId, { now: new Date("2026-04-01T00:00:00Z"), prisma: prisma() })).toEqual(
      new Map(),
    );
    expect(await keySpendThisMonth(other.userId, { now: new Date("2026-03-02T00:00:00Z"), prisma: prisma() })).toEqual(
      new Map([[other.keyIds[0], 9_000_000n]]),
    );
  });
});
