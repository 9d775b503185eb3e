import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, createKey, sessionCookie } from "./support/keys";
import { rawRequest } from "./support/raw-http";

let cookie: string;

beforeAll(async () => {
  const account = await createKey({ name: "redirect-check" });
  cookie = await sessionCookie(account.userId);
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
