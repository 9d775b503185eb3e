import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { NavLinks } from "@/components/dashboard/nav-links";
import { requireUserId } from "@/lib/auth/session";
import { getAccountSummary } from "@/lib/db/queries/dashboard";
import { formatUsdCents } from "@/lib/money";
import { signOutAction } from "./sign-out-action";

async function AccountBox() {
  const userId = await requireUserId();
  const account = await getAccountSummary(userId);
  return (
    <div className="flex min-w-0 items-center gap-3 md:flex-col md:items-stretch md:gap-2">
      <div className="min-w-0 text-right md:text-left">
        <p className="truncate text-xs text-zinc-500" title={account?.email ?? undefined}>
          {account?.email}
        </p>
        <p className="whitespace-nowrap text-sm font-semibold" data-testid="balance">
          Balance {formatUsdCents(account?.balanceMicros ?? 0n)}
        </p>
      </div>
      <form action={signOutAction}>
        <button
          type="submit"
          className="whitespace-nowrap rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium hover:bg-zinc-100 md:w-full dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Sign out
        </button>
      </form>
    </div>
  );
}

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      {/* The aside spans the page's height (its background and border); its contents stay in view while scrolling. */}
      <aside className="border-b border-zinc-200 bg-zinc-50 md:w-56 md:shrink-0 md:border-b-0 md:border-r dark:border-zinc-800 dark:bg-zinc-950">
        <div className="flex flex-col gap-3 px-4 py-3 md:sticky md:top-0 md:h-screen md:py-6">
          <div className="flex items-center justify-between gap-3 md:flex-col md:items-stretch">
            <Link href="/" className="shrink-0 text-base font-semibold tracking-tight">
              Switchyard
            </Link>
            <div className="min-w-0 md:hidden">
              <Suspense fallback={null}>
                <AccountBox />
              </Suspense>
            </div>
          </div>
          <NavLinks />
          <div className="mt-auto hidden md:block">
            <Suspense fallback={null}>
              <AccountBox />
            </Suspense>
          </div>
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-8 md:py-10">
        <div className="mx-auto max-w-5xl">{children}</div>
      </main>
    </div>
  );
}
