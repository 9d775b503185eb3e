import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense, type ReactNode } from "react";
import { NavLinks } from "@/components/dashboard/nav-links";
import { SpendingBanner } from "@/components/dashboard/spending-banner";
import { accountSuspension, currentUserId, requireUserId } from "@/lib/auth/session";
import { getAccountSummary } from "@/lib/db/queries/dashboard";
import { formatUsdCents } from "@/lib/money";
import { signOutAction } from "./sign-out-action";

async function AccountBox() {
  const userId = await requireUserId();
  const [account, t, locale] = await Promise.all([
    getAccountSummary(userId),
    getTranslations("dashboard.account"),
    getLocale(),
  ]);
  return (
    <div className="flex min-w-0 items-center gap-3 md:flex-col md:items-stretch md:gap-2">
      <div className="min-w-0 text-right md:text-left">
        <p className="truncate text-xs text-zinc-600 dark:text-zinc-400" title={account?.email ?? undefined}>
          {account?.email}
        </p>
        <p className="whitespace-nowrap text-sm font-semibold tabular-nums" data-testid="balance">
          {t("balance", { amount: formatUsdCents(account?.balanceMicros ?? 0n, { locale }) })}
        </p>
      </div>
      <form action={signOutAction}>
        <button
          type="submit"
          className="whitespace-nowrap rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium hover:bg-zinc-100 md:w-full dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {t("signOut")}
        </button>
      </form>
    </div>
  );
}

async function AccountBanner() {
  return <SpendingBanner userId={await requireUserId()} />;
}

async function DashboardNav() {
  const userId = await requireUserId();
  const [t, account] = await Promise.all([getTranslations("dashboard.nav"), getAccountSummary(userId)]);
  const links = [
    { href: "/keys", label: t("keys") },
    { href: "/usage", label: t("usage") },
    { href: "/billing", label: t("billing") },
    { href: "/providers", label: t("providers") },
    { href: "/playground", label: t("playground") },
    ...(account?.isAdmin ? [{ href: "/admin", label: t("admin") }] : []),
  ];
  return <NavLinks links={links} label={t("label")} />;
}

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Before anything streams, so that a suspended account gets a real redirect to the page that says why.
  const userId = await currentUserId();
  if (userId && (await accountSuspension(userId))) redirect("/signin/suspended");
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
          <Suspense fallback={<div className="h-9" />}>
            <DashboardNav />
          </Suspense>
          <div className="mt-auto hidden md:block">
            <Suspense fallback={null}>
              <AccountBox />
            </Suspense>
          </div>
        </div>
      </aside>
      {/* The skip link (app/layout.tsx) lands here; tabIndex lets the focus land too, not only the scroll. */}
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-8 md:py-10">
        <div className="mx-auto max-w-5xl">
          <Suspense fallback={null}>
            <AccountBanner />
          </Suspense>
          {children}
        </div>
      </main>
    </div>
  );
}
