import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import "./globals.css";

export const metadata: Metadata = {
  title: "Switchyard — one API for every LLM",
  description:
    "An OpenAI-compatible gateway in front of every model provider, with failover, metering and prepaid credits.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations("common");
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        {/* The first stop of the keyboard on every page; each layout's <main> has id="main". */}
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:left-4 focus:top-4 dark:bg-white dark:text-zinc-900"
        >
          {t("skipToContent")}
        </a>
        {/* No message provider here: client components get their words as props from the server, so no page ships
            next-intl's formatter unless it needs it (the playground brings its own). */}
        {children}
      </body>
    </html>
  );
}
