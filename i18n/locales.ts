// The site's languages, and how a request's language is chosen: an explicit `?lang=` in the URL, then the remembered
// choice (a cookie), then the browser's Accept-Language, then English. No Next imports: proxy.ts loads this file.

export const LOCALES = ["en", "vi"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Where the choice is remembered (the name next-intl uses by default). */
export const LOCALE_COOKIE = "NEXT_LOCALE";
/** A year: a language chosen once stays chosen. */
export const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
/** Set by proxy.ts on the request when the URL names a language, so that this very render uses it. */
export const LOCALE_HEADER = "x-switchyard-locale";

/** Each language's own name for itself, as the switcher shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", vi: "Tiếng Việt" };

export function isLocale(value: string | null | undefined): value is Locale {
  return value !== null && value !== undefined && (LOCALES as readonly string[]).includes(value);
}

/** The first language of an Accept-Language header that the site speaks ("vi-VN,vi;q=0.9,en;q=0.8" → "vi"). */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const quality = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)).find(Boolean);
      return { language: tag.trim().toLowerCase().split("-")[0], q: quality ? Number(quality[1]) : 1, index };
    })
    .filter((entry) => entry.language && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isLocale);
}

export function chooseLocale(sources: {
  query?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(sources.query)) return sources.query;
  if (isLocale(sources.cookie)) return sources.cookie;
  return localeFromAcceptLanguage(sources.acceptLanguage) ?? DEFAULT_LOCALE;
}
