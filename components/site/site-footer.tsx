// The public site's footer: where everything is, and the machine-readable status for monitors.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { hasSessionCookie } from "@/lib/signed-in";

export async function SiteFooter() {
  const t = await getTranslations("common");
  const signedIn = await hasSessionCookie();
  const columns = [
    {
      title: t("footer.product"),
      links: [
        { href: "/models", label: t("nav.models") },
        { href: "/pricing", label: t("nav.pricing") },
        { href: "/status", label: t("nav.status") },
        { href: "/playground", label: t("nav.playground") },
      ],
    },
    {
      title: t("footer.developers"),
      links: [
        { href: "/docs", label: t("footer.quickstart") },
        { href: "/docs/errors", label: t("footer.errors") },
        { href: "/docs/integrations", label: t("footer.integrations") },
      ],
    },
    {
      title: t("footer.account"),
      // The way in for a visitor, the way back for a customer: never both.
      links: signedIn
        ? [
            { href: "/keys", label: t("nav.dashboard") },
            { href: "/usage", label: t("footer.usage") },
            { href: "/billing", label: t("footer.billing") },
          ]
        : [{ href: "/signin", label: t("nav.signIn") }],
    },
  ];
  return (
    <footer className="border-t border-zinc-200 dark:border-zinc-800">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 text-sm sm:grid-cols-4 sm:px-6">
        <p className="text-zinc-600 dark:text-zinc-400">{t("footer.tagline")}</p>
        {columns.map((column) => (
          <div key={column.title}>
            <h2 className="font-medium">{column.title}</h2>
            <ul className="mt-3 flex flex-col gap-2">
              {column.links.map((link) => (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
                  >
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <div className="mx-auto flex max-w-6xl justify-end px-4 pb-8 sm:px-6">
        {/* Machine-readable JSON, for monitors: kept out of the way of people. */}
        <a
          className="text-xs text-zinc-600 underline underline-offset-2 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
          href="/api/status"
        >
          {t("footer.apiStatus")}
        </a>
      </div>
    </footer>
  );
}
