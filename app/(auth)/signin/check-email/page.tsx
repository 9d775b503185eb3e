import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { Suspense } from "react";
import { recentDevSignInLinks } from "@/lib/auth/dev-mailer";
import { devLinksVisible } from "@/lib/auth/dev-link-visibility";

export const metadata: Metadata = { title: "Check your email — Switchyard" };

async function DevLinks() {
  const requestHeaders = await headers();
  if (!devLinksVisible(requestHeaders.get("x-forwarded-for"))) return null;
  const links = recentDevSignInLinks();
  return (
    <section className="mt-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-800 dark:bg-amber-950/40">
      <h2 className="font-semibold">Developer machine: no mail was sent</h2>
      <p className="mt-1 text-zinc-700 dark:text-zinc-300">
        EMAIL_SERVER is not set, so sign-in links are written to the server log and shown here to visitors on this
        machine only.
      </p>
      {links.length === 0 ? (
        <p className="mt-2 text-zinc-600">No recent link. Ask for one on the sign-in page.</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {links.map((link) => (
            <li key={link.email}>
              <a
                href={link.url}
                className="font-medium text-amber-900 underline underline-offset-2 dark:text-amber-200"
              >
                Sign in as {link.email}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function CheckEmailPage() {
  return (
    <>
      <h1 className="text-xl font-semibold">Check your email</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        We sent you a sign-in link. It works once and expires in 24 hours.
      </p>
      <Suspense fallback={null}>
        <DevLinks />
      </Suspense>
      <p className="mt-6 text-sm">
        <Link href="/signin" className="text-zinc-600 underline underline-offset-2 dark:text-zinc-400">
          Use a different email
        </Link>
      </p>
    </>
  );
}
