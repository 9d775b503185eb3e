import { afterEach, describe, expect, it } from "vitest";
import { setEnvForTests } from "../env";
import { devLinksVisible } from "./dev-link-visibility";

const saved = process.env.EMAIL_SERVER;

afterEach(() => setEnvForTests({ EMAIL_SERVER: saved }));

describe("sign-in links on the check-email page", () => {
  it("are shown only to loopback visitors when no mail server is configured", () => {
    setEnvForTests({ EMAIL_SERVER: undefined });
    expect(devLinksVisible("127.0.0.1")).toBe(true);
    expect(devLinksVisible("::ffff:127.0.0.1")).toBe(true);
    expect(devLinksVisible("203.0.113.9")).toBe(false);
    expect(devLinksVisible("127.0.0.1, 203.0.113.9")).toBe(false);
    expect(devLinksVisible(null)).toBe(false);
  });

  it("are never shown when mail is really sent", () => {
    setEnvForTests({ EMAIL_SERVER: "smtp://user:pass@127.0.0.1:2525" });
    expect(devLinksVisible("127.0.0.1")).toBe(false);
  });
});
