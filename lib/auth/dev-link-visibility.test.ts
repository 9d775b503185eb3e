import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../env";
import { devLinksVisible } from "./dev-link-visibility";

const saved = process.env.EMAIL_SERVER;

afterEach(() => {
  if (saved === undefined) delete process.env.EMAIL_SERVER;
  else process.env.EMAIL_SERVER = saved;
  resetEnvForTests();
});

describe("sign-in links on the check-email page", () => {
  it("are shown only to loopback visitors when no mail server is configured", () => {
    delete process.env.EMAIL_SERVER;
    resetEnvForTests();
    expect(devLinksVisible("127.0.0.1")).toBe(true);
    expect(devLinksVisible("::ffff:127.0.0.1")).toBe(true);
    expect(devLinksVisible("203.0.113.9")).toBe(false);
    expect(devLinksVisible("127.0.0.1, 203.0.113.9")).toBe(false);
    expect(devLinksVisible(null)).toBe(false);
  });

  it("are never shown when mail is really sent", () => {
    process.env.EMAIL_SERVER = "smtp://user:pass@127.0.0.1:2525";
    resetEnvForTests();
    expect(devLinksVisible("127.0.0.1")).toBe(false);
  });
});
