import { describe, expect, it } from "vitest";
import { monthlyHolds } from "./monthly-holds";

const refuse = (spent: bigint, reserved: bigint) => new Error(`refused at ${spent}+${reserved}`);

describe("monthlyHolds", () => {
  it("admits concurrent requests at a cold start only while their worst cases fit, reading the spend once", async () => {
    let reads = 0;
    const holds = monthlyHolds(async () => {
      reads += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return 1n;
    }, 60_000);
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => holds.hold("account", 10n, 3n, refuse)));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(3);
    expect(reads).toBe(1);
  });

  it("counts what was spent until the next read, refuses everything once the cap is reached, and frees what was not spent", async () => {
    const holds = monthlyHolds(async () => 0n, 60_000);
    const first = await holds.hold("key", 10n, 6n, refuse);
    await expect(holds.hold("key", 10n, 6n, refuse)).rejects.toThrow("refused at 0+6");
    first(2n);
    const second = await holds.hold("key", 10n, 6n, refuse);
    second(8n);
    await expect(holds.hold("key", 10n, 0n, refuse)).rejects.toThrow("refused at 10+0");
    await expect(holds.hold("other", 10n, 10n, refuse)).resolves.toBeTypeOf("function");
  });
});
