// A signed-in visitor sent to /signin goes straight on to `callbackUrl`: the redirect must stay on this site whatever
// the link says, since anyone can send a signed-in user such a link.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, createKey, database } from "./support/keys";
import { rawRequest } from "./support/raw-http";

let cookie: string;

beforeAll(async () => {
  const account = await createKey({ name: "redirect-check" });
  const token = randomBytes(24).toString("hex");
  const insert =
    "INSERT INTO sessions (id, session_token, user_id, expires) VALUES ($1, $2, $3, now() + interval '1 hour')";
  await database().query(insert, [`test_session_${token.slice(0, 12)}`, token, account.userId]);
  cookie = `authjs.session-token=${token}`;
}, 120_000);

afterAll(async () => {
  await closeDatabase();
});

const signInRedirect = async (callbackUrl: string) => {
  const answer = await rawRequest({ path: `/signin?callbackUrl=${callbackUrl}`, headers: { cookie } });
  return { status: answer.status, location: answer.headers.location };
};

describe("the signed-in redirect from /signin", () => {
  it("goes on to a page of this site", async () => {
    const onSite = await signInRedirect(encodeURIComponent("/usage?days=7"));
    expect(onSite).toEqual({ status: 307, location: "/usage?days=7" });
  });

  it.each([
    "%2F..%2F%2Fevil.test%2Fphish",
    "/.//evil.test",
    "/%252e%252e//evil.test",
    "/%252f%252fevil.test",
    "/..%5Cevil.test",
  ])("never leaves the site for %s", async (callbackUrl) => {
    expect(await signInRedirect(callbackUrl)).toEqual({ status: 307, location: "/keys" });
  });
});
