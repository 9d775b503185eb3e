// The language switcher: one button per other language, posting to a server action that remembers the choice. A form,
// so that it works without JavaScript; each language is named in its own language.
import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/app/_actions/set-locale";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/i18n/locales";

export async function LocaleSwitcher({ className = "" }: { className?: string }) {
  const current = (await getLocale()) as Locale;
  const t = await getTranslations("common.language");
  return (
    <form action={setLocale} className={`flex items-center gap-1 text-sm ${className}`}>
      <span className="sr-only">{t("label")}</span>
      {LOCALES.map((locale) =>
        locale === current ? (
          <span
            key={locale}
            aria-current="true"
            className="rounded-md bg-zinc-100 px-2 py-1 text-xs font-semibold uppercase text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
            title={LOCALE_NAMES[locale]}
          >
            {locale}
          </span>
        ) : (
          <button
            key={locale}
            type="submit"
            name="locale"
            value={locale}
            lang={locale}
            aria-label={t("switchTo", { language: LOCALE_NAMES[locale] })}
            title={LOCALE_NAMES[locale]}
            className="rounded-md px-2 py-1 text-xs font-semibold uppercase text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            {locale}
          </button>
        ),
      )}
    </form>
  );
}
