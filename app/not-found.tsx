import type { Metadata } from "next";
import Link from "next/link";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import { isSignedIn } from "@/lib/signed-in";

export const metadata: Metadata = { title: "Not found — Switchyard" };

export default async function NotFound() {
  const signedIn = await isSignedIn();
  return (
    <main
      id="main"
      className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center px-4 text-center"
    >
      <p className="font-mono text-sm text-zinc-500">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        There is nothing here, or it belongs to another account.
      </p>
      <nav aria-label="Ways out" className="mt-6 flex flex-wrap justify-center gap-3">
        {signedIn ? (
          <>
            <Link href="/keys" className={primaryButton}>
              Dashboard
            </Link>
            <Link href="/" className={secondaryButton}>
              Home
            </Link>
          </>
        ) : (
          <>
            <Link href="/" className={primaryButton}>
              Home
            </Link>
            <Link href="/signin" className={secondaryButton}>
              Sign in
            </Link>
          </>
        )}
      </nav>
    </main>
  );
}
