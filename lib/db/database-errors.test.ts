import { describe, expect, it } from "vitest";
import { isDatabaseUnreachable } from "./database-errors";

describe("isDatabaseUnreachable", () => {
  it("recognises a database that is down, restarting or out of connections", () => {
    expect(
      isDatabaseUnreachable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })),
    ).toBe(true);
    expect(isDatabaseUnreachable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(
      isDatabaseUnreachable(
        Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
      ),
    ).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error("sorry, too many clients already"), { code: "53300" }))).toBe(
      true,
    );
    expect(isDatabaseUnreachable(Object.assign(new Error("Can't reach database server"), { errorCode: "P1001" }))).toBe(
      true,
    );
    expect(
      isDatabaseUnreachable(new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) })),
    ).toBe(true);
  });

  it("does not take a refused query or a bug for an outage", () => {
    expect(isDatabaseUnreachable(Object.assign(new Error("invalid byte sequence"), { code: "22021" }))).toBe(false);
    expect(isDatabaseUnreachable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnreachable(new TypeError("cannot read properties of undefined"))).toBe(false);
  });
});
