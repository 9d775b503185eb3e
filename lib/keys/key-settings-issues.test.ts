import { describe, expect, it } from "vitest";
import { checkKeySettings, fieldsWithIssues, requestedModels, type KeySettingsContext } from "./key-settings-issues";

const blank = {
  name: "k",
  rpmLimit: "",
  rpdLimit: "",
  tpmLimit: "",
  concurrencyLimit: "",
  monthlyBudgetUsd: "",
  budgetPeriod: "",
  expiresOn: "",
  allowedModels: "",
  allowedIps: "",
};
const context: KeySettingsContext = { now: new Date("2026-06-01T12:00:00Z"), unknownModels: [], takenNames: [] };

function check(values: Partial<typeof blank>, extra: Partial<KeySettingsContext> = {}) {
  return checkKeySettings({ ...blank, ...values }, { ...context, ...extra });
}

function issues(values: Partial<typeof blank>, extra: Partial<KeySettingsContext> = {}) {
  const result = check(values, extra);
  return result.ok ? [] : result.issues;
}

function settings(values: Partial<typeof blank>) {
  const result = check(values);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.settings;
}

describe("checking a key form", () => {
  it("reads blank fields as no limit", () => {
    expect(settings({ name: " renamed " })).toEqual({
      name: "renamed",
      rpmLimit: undefined,
      rpdLimit: undefined,
      tpmLimit: undefined,
      concurrencyLimit: undefined,
      monthlyBudgetMicros: undefined,
      budgetPeriod: "month",
      expiresAt: undefined,
      allowedModels: [],
      allowedIps: [],
    });
    expect(
      settings({ rpmLimit: "30", monthlyBudgetUsd: "12.5", allowedIps: "::1", expiresOn: "2026-06-02" }),
    ).toMatchObject({
      rpmLimit: 30,
      monthlyBudgetMicros: 12_500_000n,
      allowedIps: ["::1"],
      expiresAt: new Date("2026-06-02T23:59:59.999Z"),
    });
  });

  it("reports every invalid field at once, an unknown model id among them", () => {
    const found = issues(
      {
        name: " ",
        rpmLimit: "0",
        monthlyBudgetUsd: "99999999999999",
        expiresOn: "2001-01-01",
        allowedModels: "openai/gpt-4o-mini no/such-model",
        allowedIps: "10.0.0.300 nope 10.0.0.1",
      },
      { unknownModels: ["no/such-model"] },
    );
    expect(found).toEqual([
      { field: "name", code: "required" },
      { field: "rpmLimit", code: "tooSmall", limit: 1 },
      { field: "monthlyBudgetUsd", code: "tooLarge", limitMicros: 1_000_000_000_000n },
      { field: "expiresOn", code: "notInFuture" },
      { field: "allowedModels", code: "unknown", models: ["no/such-model"] },
      { field: "allowedIps", code: "notAddress", entry: "10.0.0.300" },
      { field: "allowedIps", code: "notAddress", entry: "nope" },
    ]);
    expect(fieldsWithIssues(found)).toEqual([
      "name",
      "rpmLimit",
      "monthlyBudgetUsd",
      "expiresOn",
      "allowedModels",
      "allowedIps",
    ]);
  });

  it("refuses a name an active key of the user already has, whatever its case and spaces", () => {
    expect(issues({ name: "  PROD " }, { takenNames: ["staging", "prod"] })).toEqual([
      { field: "name", code: "duplicate", name: "prod" },
    ]);
    expect(issues({ name: "prod-2" }, { takenNames: ["prod"] })).toEqual([]);
    expect(issues({ name: "x".repeat(81) })).toEqual([{ field: "name", code: "tooLong", max: 80 }]);
  });

  it("keeps requests per minute to whole numbers from 1 to 1,000,000", () => {
    expect(settings({ rpmLimit: "1000000" }).rpmLimit).toBe(1_000_000);
    expect(issues({ rpmLimit: "1000001" })).toEqual([{ field: "rpmLimit", code: "tooLarge", limit: 1_000_000 }]);
    expect(issues({ rpmLimit: "99999999999999999999999" })).toMatchObject([{ code: "tooLarge" }]);
    expect(issues({ rpmLimit: "2.5" })).toMatchObject([{ code: "notWholeNumber" }]);
    expect(issues({ rpmLimit: "lots" })).toMatchObject([{ code: "notWholeNumber" }]);
    expect(issues({ rpmLimit: "1e999" })).toMatchObject([{ code: "notWholeNumber" }]);
    expect(issues({ rpmLimit: "-1" })).toMatchObject([{ code: "notWholeNumber" }]);
  });

  it("takes requests per day, tokens per minute and requests at once as whole numbers within their bounds", () => {
    expect(settings({ rpdLimit: "5000", tpmLimit: "20000", concurrencyLimit: "3" })).toMatchObject({
      rpdLimit: 5_000,
      tpmLimit: 20_000,
      concurrencyLimit: 3,
    });
    expect(issues({ rpdLimit: "0", tpmLimit: "1.5", concurrencyLimit: "10001" })).toEqual([
      { field: "rpdLimit", code: "tooSmall", limit: 1 },
      { field: "tpmLimit", code: "notWholeNumber", limit: 100_000 },
      { field: "concurrencyLimit", code: "tooLarge", limit: 10_000 },
    ]);
  });

  it("refuses a key limit above its plan's, naming the plan, and takes one at or below it", () => {
    const plan = { name: "Free", rpmLimit: 20, rpdLimit: 200, tpmLimit: null, concurrencyLimit: 2 };
    expect(issues({ rpmLimit: "21", rpdLimit: "200", tpmLimit: "5000000", concurrencyLimit: "3" }, { plan })).toEqual([
      { field: "rpmLimit", code: "abovePlan", limit: 20, plan: "Free" },
      { field: "concurrencyLimit", code: "abovePlan", limit: 2, plan: "Free" },
    ]);
    expect(check({ rpmLimit: "20", concurrencyLimit: "1" }, { plan }).ok).toBe(true);
  });

  it("takes a budget period of day, week or month (month when blank)", () => {
    expect(settings({ monthlyBudgetUsd: "5", budgetPeriod: "week" }).budgetPeriod).toBe("week");
    expect(settings({}).budgetPeriod).toBe("month");
    expect(issues({ budgetPeriod: "year" })).toEqual([{ field: "budgetPeriod", code: "notPeriod" }]);
    expect(fieldsWithIssues([{ field: "budgetPeriod" }, { field: "rpdLimit" }, { field: "name" }])).toEqual([
      "name",
      "rpdLimit",
      "budgetPeriod",
    ]);
  });

  it("keeps a monthly budget from $0.01 to $1,000,000, far inside the database's bigint", () => {
    expect(settings({ monthlyBudgetUsd: "1000000" }).monthlyBudgetMicros).toBe(1_000_000_000_000n);
    expect(settings({ monthlyBudgetUsd: "0.01" }).monthlyBudgetMicros).toBe(10_000n);
    expect(issues({ monthlyBudgetUsd: "1000000.000001" })).toMatchObject([{ code: "tooLarge" }]);
    expect(issues({ monthlyBudgetUsd: "0" })).toEqual([
      { field: "monthlyBudgetUsd", code: "tooSmall", limitMicros: 10_000n },
    ]);
    expect(issues({ monthlyBudgetUsd: "0.009" })).toMatchObject([{ code: "tooSmall" }]);
    expect(issues({ monthlyBudgetUsd: "-5" })).toMatchObject([{ code: "notAmount" }]);
    expect(issues({ monthlyBudgetUsd: "1.2345678" })).toMatchObject([{ code: "notAmount" }]);
  });

  it("takes an expiry date that exists and has not passed", () => {
    expect(issues({ expiresOn: "next week" })).toEqual([{ field: "expiresOn", code: "notDate" }]);
    expect(issues({ expiresOn: "2030-02-31" })).toEqual([{ field: "expiresOn", code: "notDate" }]);
    expect(issues({ expiresOn: "2026-06-01" })).toEqual([]);
    expect(issues({ expiresOn: "2026-05-31" })).toEqual([{ field: "expiresOn", code: "notInFuture" }]);
  });

  it("bounds the model allow-list, and asks about each model id once", () => {
    expect(requestedModels({ allowedModels: "a/b, a/b\nc/d" })).toEqual(["a/b", "c/d"]);
    expect(issues({ allowedModels: "x".repeat(201) })).toEqual([
      { field: "allowedModels", code: "idTooLong", max: 200 },
    ]);
    expect(issues({ allowedModels: Array.from({ length: 101 }, (_, index) => `m${index}`).join(" ") })).toEqual([
      { field: "allowedModels", code: "tooMany", max: 100 },
    ]);
  });
});

describe("key IP allow-list", () => {
  const ips = (text: string) => settings({ allowedIps: text }).allowedIps;

  it("takes IPv4 and IPv6 addresses and ranges separated by commas, spaces or new lines, in canonical form", () => {
    expect(ips("127.0.0.1, 10.0.0.0/8\n203.0.113.7/32  2001:DB8:0:0::1\r\nfe80::/10,::1,0.0.0.0/0,::/0")).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "203.0.113.7/32",
      "2001:db8::1",
      "fe80::/10",
      "::1",
      "0.0.0.0/0",
      "::/0",
    ]);
    expect(ips("10.0.0.0/08, 2001:0db8:0000::/032")).toEqual(["10.0.0.0/8", "2001:db8::/32"]);
  });

  it("is empty (any address) when blank, and drops repeats", () => {
    expect(ips("  \n ")).toEqual([]);
    expect(ips("10.1.1.1, 10.1.1.1 ::1 0:0::1")).toEqual(["10.1.1.1", "::1"]);
  });

  it("names each entry it cannot read", () => {
    for (const bad of ["10.0.0.256", "10.0.0", "example.com", "010.0.0.1", "1.2.3.4/", "1.2.3.4/8/1", "fe80::1%eth0"]) {
      expect(issues({ allowedIps: `127.0.0.1, ${bad}` }), bad).toEqual([
        { field: "allowedIps", code: "notAddress", entry: bad },
      ]);
    }
    expect(issues({ allowedIps: "10.0.0.0/33 2001:db8::/129" })).toHaveLength(2);
  });

  it("refuses more than 100 entries", () => {
    const entries = Array.from({ length: 101 }, (_, index) => `10.0.${Math.floor(index / 256)}.${index % 256}`);
    expect(ips(entries.slice(0, 100).join(","))).toHaveLength(100);
    expect(issues({ allowedIps: entries.join(",") })).toEqual([{ field: "allowedIps", code: "tooMany", max: 100 }]);
  });
});
