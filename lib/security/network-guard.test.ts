import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPublicHost, isBlockedAddress, publicOnlyConnector } from "./network-guard";

describe("isBlockedAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "[::1]",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "fe80::1%eth0",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "0:0:0:0:0:ffff:a9fe:a9fe",
    "[::ffff:10.0.0.1]",
    "64:ff9b::7f00:1",
    "not-an-address",
  ])("refuses %s", (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(["1.1.1.1", "8.8.8.8", "172.32.0.1", "192.169.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "lets %s through",
    (address) => {
      expect(isBlockedAddress(address)).toBe(false);
    },
  );
});

describe("checkPublicHost", () => {
  it("refuses a name that resolves to loopback, and an IP literal in a blocked range", async () => {
    expect(await checkPublicHost("localhost")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("localhost"),
    });
    expect(await checkPublicHost("[::1]")).toMatchObject({ ok: false });
    expect(await checkPublicHost("169.254.169.254")).toMatchObject({ ok: false });
  });

  it("lets a public IP literal through", async () => {
    expect(await checkPublicHost("93.184.215.14")).toEqual({ ok: true });
  });
});

describe("publicOnlyConnector", () => {
  let reached = 0;
  const server = createServer((_request, response) => {
    reached += 1;
    response.end("reached");
  });
  let port = 0;
  const agent = new Agent({ connect: publicOnlyConnector() });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await agent.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each(["127.0.0.1", "localhost", "[::ffff:127.0.0.1]"])(
    "refuses to connect to %s, before a byte is sent",
    async (host) => {
      await expect(request(`http://${host}:${port}/`, { dispatcher: agent })).rejects.toThrow(
        /loopback, private or link-local/,
      );
      expect(reached).toBe(0);
    },
  );

  it("connects as usual without it (the operator's own providers)", async () => {
    const response = await request(`http://127.0.0.1:${port}/`);
    expect(await response.body.text()).toBe("reached");
  });
});
