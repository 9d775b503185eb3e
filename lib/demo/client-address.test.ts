import { describe, expect, it } from "vitest";
import { limitAddress } from "./client-address";

describe("the address the demo's limit counts by", () => {
  it("is an IPv4 address itself, mapped or not", () => {
    expect(limitAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(limitAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("is an IPv6 address's /64, however it is written", () => {
    expect(limitAddress("2001:db8:1:2::a")).toBe("2001:db8:1:2::/64");
    expect(limitAddress("2001:0db8:0001:0002:ffff:0:0:b")).toBe("2001:db8:1:2::/64");
    expect(limitAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(limitAddress("::1")).toBe("0:0:0:0::/64");
  });

  it("is one shared allowance when the platform names no address", () => {
    expect(limitAddress(undefined)).toBe("unknown");
    expect(limitAddress("not an address")).toBe("unknown");
  });
});
