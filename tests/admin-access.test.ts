// The operator console answers 404 to everyone but admins: every admin page and every admin server action, found
// from the build itself (the pages under app/(dashboard)/admin, the actions in Next's server-reference manifest), so a
// page or an action added later is covered without touching this file. An admin gets each page.
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send } from "./support/app-client";
import { closeDatabase, createKey, database, sessionCookie } from "./support/keys";

const root = join(import.meta.dirname, "..");
const adminDir = join(root, "app", "(dashboard)", "admin");

/** Every admin page's URL; a dynamic segment ([id]) gets a value no record has. */
function adminPages(dir = adminDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return adminPages(path);
    if (entry.name !== "page.tsx") return [];
    const route = relative(join(root, "app", "(dashboard)"), dir)
      .split("/")
      .map((segment) => (segment.startsWith("[") ? "no-such-record" : segment))
      .join("/");
    return [`/${route}`];
  });
}

interface ServerAction {
  id: string;
  filename: string;
  exportedName: string;
  /** A page that carries the action, as a URL to post it to. */
  page: string;
}

/** Every server action defined in the console's files or lib/admin, as the build lists them. */
function adminActions(): ServerAction[] {
  const manifest = JSON.parse(
    readFileSync(join(root, ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node)
    .filter(([, action]) => /^(app\/\(dashboard\)\/admin\/|lib\/admin\/)/.test(action.filename ?? ""))
    .map(([id, action]) => {
      const worker = Object.keys(action.workers)[0] ?? "app/(dashboard)/admin/page";
      const page = worker
        .replace(/^app\/\(dashboard\)/, "")
        .replace(/\/page$/, "")
        .replace(/\[[^\]]+\]/g, "no-such-record");
      return { id, filename: action.filename ?? "", exportedName: action.exportedName ?? "", page: page || "/" };
    });
}

/** Posts a server action as React does: its id in `Next-Action`, its arguments as a JSON array. */
function postAction(action: ServerAction, cookie?: string) {
  return send(action.page, {
    method: "POST",
    headers: {
      "next-action": action.id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      ...(cookie ? { cookie } : {}),
    },
    body: "[]",
  });
}

let customerCookie: string;
let adminCookie: string;

beforeAll(async () => {
  const customer = await createKey({ name: "not-an-admin" });
  const admin = await createKey({ name: "admin" });
  await database().query("UPDATE users SET is_admin = true WHERE id = $1", [admin.userId]);
  customerCookie = await sessionCookie(customer.userId);
  adminCookie = await sessionCookie(admin.userId);
}, 120_000);

afterAll(async () => {
  await closeDatabase();
});

describe("the operator console", () => {
  const pages = adminPages();

  it("has pages to guard (the enumeration found them)", () => {
    expect(pages).toContain("/admin");
    expect(pages.length).toBeGreaterThan(1);
  });

  it.each(pages)("%s: 404 to a signed-in customer, sign-in to a visitor, the page to an admin", async (path) => {
    const asCustomer = await send(path, { headers: { cookie: customerCookie } });
    expect(asCustomer.status).toBe(404);
    expect(asCustomer.text).not.toContain("Operator console");

    const signedOut = await send(path);
    // proxy.ts sends a signed-out visitor to sign in (fetch follows the redirect).
    expect(signedOut.status).toBe(200);
    expect(signedOut.text).toContain("Sign in or create an account");

    const asAdmin = await send(path, { headers: { cookie: adminCookie } });
    // A record that does not exist is a 404 for the admin too; every other page renders inside the console.
    if (path.includes("no-such-record")) expect([200, 404]).toContain(asAdmin.status);
    else {
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.text).toContain("Operator console");
    }
  });

  it("answers 404 to every admin server action posted by a customer or a signed-out visitor", async () => {
    const actions = adminActions();
    const audited = async () => (await database().query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n;
    const before = await audited();
    for (const action of actions) {
      for (const cookie of [customerCookie, undefined]) {
        const answer = await postAction(action, cookie);
        expect(
          answer.status,
          `${action.filename} ${action.exportedName} as ${cookie ? "a customer" : "a visitor"}`,
        ).toBe(404);
      }
    }
    // Nothing was changed on their behalf either.
    expect(await audited()).toBe(before);
  });
});
