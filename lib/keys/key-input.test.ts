import { describe, expect, it } from "vitest";
import { createKeyInput, keyFormErrors, updateKeyInput } from "./key-input";

function allowedIps(text: string) {
  const parsed = createKeyInput.safeParse({ name: "k", allowedIps: text });
  return parsed.success
    ? { ok: true as const, ips: parsed.data.allowedIps }
    : { ok: false as const, message: parsed.error.issues.map((issue) => issue.message).join("; ") };
}

describe("key IP allow-list", () => {
  it("takes IPv4 and IPv6 addresses and ranges separated by commas, spaces or new lines, in canonical form", () => {
    expect(
      allowedIps("127.0.0.1, 10.0.0.0/8\n203.0.113.7/32  2001:DB8:0:0::1\r\nfe80::/10,::1,0.0.0.0/0,::/0"),
    ).toEqual({
      ok: true,
      ips: ["127.0.0.1", "10.0.0.0/8", "203.0.113.7/32", "2001:db8::1", "fe80::/10", "::1", "0.0.0.0/0", "::/0"],
    });
    expect(allowedIps("10.0.0.0/08, 2001:0db8:0000::/032")).toEqual({ ok: true, ips: ["10.0.0.0/8", "2001:db8::/32"] });
  });

  it("is empty (any address) when blank or missing, and drops repeats", () => {
    expect(allowedIps("  \n ")).toEqual({ ok: true, ips: [] });
    expect(createKeyInput.parse({ name: "k" }).allowedIps).toEqual([]);
    expect(allowedIps("10.1.1.1, 10.1.1.1 ::1 0:0::1")).toEqual({ ok: true, ips: ["10.1.1.1", "::1"] });
  });

  it("names the entry it cannot read", () => {
    for (const bad of [
      "10.0.0.256",
      "10.0.0",
      "example.com",
      "010.0.0.1",
      "1.2.3.4/",
      "1.2.3.4/x",
      "1.2.3.4/8/1",
      "fe80::1%eth0",
      "2001:db8::g",
      "1.2.3.4/-1",
    ]) {
      const result = allowedIps(`127.0.0.1, ${bad}`);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.message).toContain(`“${bad}” is not an IP address or CIDR range`);
    }
  });

  it("keeps a prefix length within its family's bounds", () => {
    expect(allowedIps("10.0.0.0/32, ::/128")).toEqual({ ok: true, ips: ["10.0.0.0/32", "::/128"] });
    expect(allowedIps("10.0.0.0/33").ok).toBe(false);
    expect(allowedIps("2001:db8::/129").ok).toBe(false);
    expect(allowedIps("10.0.0.0/1000").ok).toBe(false);
  });

  it("refuses more than 100 entries", () => {
    const entries = Array.from({ length: 101 }, (_, index) => `10.0.${Math.floor(index / 256)}.${index % 256}`);
    expect(allowedIps(entries.slice(0, 100).join(","))).toMatchObject({ ok: true });
    expect(allowedIps(entries.join(","))).toEqual({ ok: false, message: "At most 100 IP addresses or ranges" });
  });
});

describe("key edit input", () => {
  it("reads blank fields as no limit and refuses an expiry in the past", () => {
    const blank = {
      keyId: "key_1",
      name: " renamed ",
      rpmLimit: "",
      monthlyBudgetUsd: "",
      expiresOn: "",
      allowedModels: "",
      allowedIps: "",
    };
    expect(updateKeyInput.parse(blank)).toEqual({ keyId: "key_1", name: "renamed", allowedModels: [], allowedIps: [] });
    expect(updateKeyInput.safeParse({ ...blank, expiresOn: "2001-01-01" }).error?.issues[0]?.message).toBe(
      "The expiry must be in the future",
    );
    expect(updateKeyInput.safeParse({ ...blank, keyId: "" }).error?.issues[0]?.message).toBe("Key not found.");
    expect(
      updateKeyInput.parse({ ...blank, rpmLimit: "30", monthlyBudgetUsd: "12.5", allowedIps: "::1" }),
    ).toMatchObject({ rpmLimit: 30, monthlyBudgetUsd: 12_500_000n, allowedIps: ["::1"] });
  });
});

describe("key limits", () => {
  const messages = (input: Record<string, string>) =>
    createKeyInput.safeParse({ name: "k", ...input }).error?.issues.map((issue) => issue.message);

  it("keeps requests per minute to whole numbers from 1 to 1,000,000, saying so in words", () => {
    expect(createKeyInput.parse({ name: "k", rpmLimit: "1000000" }).rpmLimit).toBe(1_000_000);
    expect(messages({ rpmLimit: "1000001" })).toEqual(["At most 1,000,000 requests per minute"]);
    expect(messages({ rpmLimit: "99999999999999" })).toEqual(["At most 1,000,000 requests per minute"]);
    expect(messages({ rpmLimit: "0" })).toEqual(["At least 1 request per minute"]);
    expect(messages({ rpmLimit: "2.5" })).toEqual(["Whole requests per minute"]);
    expect(messages({ rpmLimit: "lots" })).toEqual(["A whole number of requests per minute, such as 60"]);
    expect(messages({ rpmLimit: "1e999" })).toEqual(["A whole number of requests per minute, such as 60"]);
  });

  it("keeps a monthly budget from $0.01 to $1,000,000, far inside the database's bigint", () => {
    expect(createKeyInput.parse({ name: "k", monthlyBudgetUsd: "1000000" }).monthlyBudgetUsd).toBe(1_000_000_000_000n);
    expect(createKeyInput.parse({ name: "k", monthlyBudgetUsd: "0.01" }).monthlyBudgetUsd).toBe(10_000n);
    expect(messages({ monthlyBudgetUsd: "99999999999999" })).toEqual(["At most $1,000,000"]);
    expect(messages({ monthlyBudgetUsd: "1000000.000001" })).toEqual(["At most $1,000,000"]);
    expect(messages({ monthlyBudgetUsd: "0" })).toEqual(["At least $0.01"]);
    expect(messages({ monthlyBudgetUsd: "0.009" })).toEqual(["At least $0.01"]);
    expect(messages({ monthlyBudgetUsd: "-5" })).toEqual(["A USD amount such as 25 or 2.50"]);
    expect(messages({ monthlyBudgetUsd: "1.2345678" })).toEqual(["A USD amount such as 25 or 2.50"]);
  });

  it("words the other fields' refusals for people", () => {
    expect(messages({ name: " " })).toEqual(["Give the key a name"]);
    expect(messages({ expiresOn: "next week" })).toEqual(["A date such as 2030-12-31"]);
    expect(messages({ allowedModels: "x".repeat(201) })).toEqual(["A model id has at most 200 characters"]);
    expect(messages({ allowedModels: Array.from({ length: 101 }, (_, index) => `m${index}`).join(" ") })).toEqual([
      "At most 100 models",
    ]);
  });
});

describe("key form errors", () => {
  it("puts each problem with its field, several on one field together, and the rest in the message", () => {
    const form = {
      keyId: "",
      name: "k",
      rpmLimit: "0",
      monthlyBudgetUsd: "99999999999999",
      expiresOn: "",
      allowedModels: "",
      allowedIps: "10.0.0.300 nope",
    };
    const parsed = updateKeyInput.safeParse(form);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(keyFormErrors(parsed.error)).toEqual({
      message: "Key not found.",
      fieldErrors: {
        rpmLimit: "At least 1 request per minute",
        monthlyBudgetUsd: "At most $1,000,000",
        allowedIps:
          "“10.0.0.300” is not an IP address or CIDR range (such as 203.0.113.7, 10.0.0.0/8 or 2001:db8::/32); “nope” is not an IP address or CIDR range (such as 203.0.113.7, 10.0.0.0/8 or 2001:db8::/32)",
      },
    });
  });
});
