// The public site's header: the brand, the sections, the language switcher and the way in. On a phone the sections
// fold into a disclosure (a <details>, so it opens without JavaScript).
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { primaryButton } from "@/components/ui/styles";
import { hasSessionCookie } from "@/lib/signed-in";
import { LocaleSwitcher } from "./locale-switcher";
import { SiteNavLinks } from "./site-nav-links";

export async function SiteHeader() {
  const t = await getTranslations("common");
  const signedIn = await hasSessionCookie();
  const links = [
    { href: "/models", label: t("nav.models") },
    { href: "/docs", label: t("nav.docs") },
    { href: "/pricing", label: t("nav.pricing") },
    { href: "/status", label: t("nav.status") },
    { href: "/playground", label: t("nav.playground") },
  ];
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4 sm:px-6">
        <Link href="/" className="flex shrink-0 items-center gap-2 rounded-md text-base font-semibold tracking-tight">
          <span
            aria-hidden="true"
            className="grid size-6 place-items-center rounded-md bg-zinc-900 text-xs text-white dark:bg-white dark:text-zinc-900"
          >
            S
          </span>
          {t("brand")}
        </Link>
        <nav aria-label={t("nav.label")} className="hidden md:block">
          <SiteNavLinks links={links} className="flex items-center gap-1" />
        </nav>
        <div className="ml-auto flex items-center gap-2">
          {/* On a phone the language switcher and "Sign in" move into the menu, so the bar never wraps. */}
          <LocaleSwitcher className="hidden sm:flex" />
          {signedIn ? (
            <Link href="/keys" className={`${primaryButton} whitespace-nowrap`}>
              {t("nav.dashboard")}
            </Link>
          ) : (
            <>
              <Link
                href="/signin"
                className="hidden whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-zinc-600 hover:text-zinc-900 sm:block dark:text-zinc-400 dark:hover:text-zinc-100"
              >
                {t("nav.signIn")}
              </Link>
              <Link href="/signin" className={`${primaryButton} whitespace-nowrap`}>
                {t("nav.getStarted")}
              </Link>
            </>
          )}
          <details className="group relative md:hidden">
            <summary className="cursor-pointer list-none whitespace-nowrap rounded-md border border-zinc-300 px-3 py-2 text-sm font-medium dark:border-zinc-700 [&::-webkit-details-marker]:hidden">
              {t("nav.menu")}
            </summary>
            <nav
              aria-label={t("nav.label")}
              className="absolute right-0 mt-2 w-56 rounded-lg border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
            >
              <SiteNavLinks links={signedIn ? links : [...links, { href: "/signin", label: t("nav.signIn") }]} />
              <LocaleSwitcher className="mt-1 border-t border-zinc-200 px-2 pt-2 sm:hidden dark:border-zinc-800" />
            </nav>
          </details>
        </div>
      </div>
    </header>
  );
}
