import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send } from "./support/app-client";
import { closeDatabase, createKey, type MintedKey, sessionCookie } from "./support/keys";

let owner: MintedKey;
let other: MintedKey;
let cookie: string;

beforeAll(async () => {
  owner = await createKey({ name: "owner-key" });
  other = await createKey({ name: "someone-elses-key" });
  cookie = await sessionCookie(owner.userId);
}, 120_000);

afterAll(async () => {
  await closeDatabase();
});

const asOwner = (path: string) => send(path, { headers: { cookie } });

describe("dashboard access", () => {
  it("lists only the signed-in user's keys", async () => {
    const page = await asOwner("/keys");
    expect(page.status).toBe(200);
    expect(page.text).toContain("owner-key");
    expect(page.text).not.toContain("someone-elses-key");
  });

  it("answers 404 to another user's key id in the usage page's URL, and 200 to the user's own", async () => {
    expect((await asOwner(`/usage?key=${encodeURIComponent(other.keyId)}`)).status).toBe(404);
    expect((await asOwner("/usage?key=no-such-key")).status).toBe(404);
    const own = await asOwner(`/usage?key=${encodeURIComponent(owner.keyId)}`);
    expect(own.status).toBe(200);
    expect(own.text).not.toContain("someone-elses-key");
  });

  it("answers 404 to another user's key id in the CSV export, and 401 without a session", async () => {
    const foreign = await asOwner(`/usage/export?key=${encodeURIComponent(other.keyId)}`);
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain(",");
    const own = await asOwner(`/usage/export?key=${encodeURIComponent(owner.keyId)}`);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toContain("text/csv");
    expect((await send("/usage/export")).status).toBe(401);
    expect((await send("/usage/export", { headers: { cookie: "authjs.session-token=not-a-session" } })).status).toBe(
      401,
    );
  });
});
