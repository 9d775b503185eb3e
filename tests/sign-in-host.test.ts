// Sign-in links are never built from a Host header a requester chose. The test app has no AUTH_URL and no
// EMAIL_SERVER (a local install: the dev mailer keeps links instead of mailing them), so links may only name a
// loopback host; a request through any other host is refused and leaves no sign-in token behind.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { appBaseUrl } from "./support/app-client";
import { closeDatabase, database } from "./support/keys";
import { rawRequest, type RawAnswer } from "./support/raw-http";

afterAll(async () => {
  await closeDatabase();
});

const email = (label: string) => `${label}-${randomBytes(4).toString("hex")}@example.com`;

async function tokensFor(address: string): Promise<number> {
  const result = await database().query("SELECT 1 FROM verification_tokens WHERE identifier = $1", [address]);
  return result.rowCount ?? 0;
}

/** The sign-in form's server action, posted the way a browser without JavaScript posts it (`POST /signin`). */
async function postSignInForm(host: string, address: string): Promise<RawAnswer> {
  const page = await (await fetch(`${appBaseUrl()}/signin`)).text();
  // The form with the email field: the page has others (the language switcher's).
  const emailForm = page.match(/<form[^>]*>(?:(?!<\/form>)[\s\S])*?name="email"[\s\S]*?<\/form>/)?.[0] ?? "";
  const actionField = emailForm.match(/name="(\$ACTION_ID_[^"]+)"/)?.[1];
  if (!actionField) throw new Error("no server action on the sign-in page");
  const form = new FormData();
  form.set(actionField, "");
  form.set("callbackUrl", "/keys");
  form.set("email", address);
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  return rawRequest({
    method: "POST",
    path: "/signin",
    headers: {
      host,
      origin: `http://${host}`,
      "content-type": encoded.headers.get("content-type") ?? "",
      "content-length": body.length,
    },
    body,
  });
}

/** Auth.js's own endpoint: a CSRF token and cookie fetched through `host`, then the email sign-in posted through it. */
async function postAuthSignIn(host: string, address: string): Promise<RawAnswer> {
  const csrf = await rawRequest({ path: "/api/auth/csrf", headers: { host } });
  if (csrf.status !== 200) return csrf;
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const cookie = (csrf.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]).join("; ");
  const body = new URLSearchParams({ csrfToken, email: address, callbackUrl: "/keys" }).toString();
  return rawRequest({
    method: "POST",
    path: "/api/auth/signin/nodemailer",
    headers: {
      host,
      cookie,
      "content-type": "application/x-www-form-urlencoded",
      "content-length": Buffer.byteLength(body),
    },
    body,
  });
}

const loopbackHost = () => new URL(appBaseUrl()).host;

describe("sign-in through a host links may not name", () => {
  it("sends a link through the loopback host a local install is reached at (the control)", async () => {
    const address = email("loopback");
    const answer = await postSignInForm(loopbackHost(), address);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe("/signin/check-email");
    expect(await tokensFor(address)).toBe(1);
    const viaAuth = email("loopback-auth");
    expect((await postAuthSignIn(`localhost:${new URL(appBaseUrl()).port}`, viaAuth)).status).toBe(302);
    expect(await tokensFor(viaAuth)).toBe(1);
  });

  it("refuses the sign-in form posted through Host: evil.test, and makes no link", async () => {
    const address = email("form-victim");
    const answer = await postSignInForm("evil.test", address);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toMatch(/^\/signin\?error=UntrustedHost&/);
    expect(await tokensFor(address)).toBe(0);
  });

  it.each(["evil.test", "evil.test:80", "localhost.evil.test", "127.0.0.1.evil.test", "localhost, evil.test"])(
    "refuses Auth.js's sign-in endpoint through Host: %s with a clear answer, and makes no link",
    async (host) => {
      const address = email("auth-victim");
      const answer = await postAuthSignIn(host, address);
      expect(answer.status).toBe(400);
      expect(answer.text).toContain("Sign-in is not available at this address");
      expect(await tokensFor(address)).toBe(0);
    },
  );

  it("says so on the sign-in page instead of showing a form that cannot work", async () => {
    const page = await rawRequest({ path: "/signin", headers: { host: "evil.test" } });
    expect(page.status).toBe(200);
    expect(page.text).toContain("Sign-in is not available at this address");
    expect(page.text).not.toContain("Email me a sign-in link");
  });
});
