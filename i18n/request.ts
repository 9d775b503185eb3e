// next-intl's per-request configuration (server components, server actions): the language chosen for this request
// (i18n/locales.ts), its messages, and one time zone for every date the server formats.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { chooseLocale, LOCALE_COOKIE, LOCALE_HEADER } from "./locales";
import { messagesFor } from "./messages";

export async function requestLocale() {
  const [requestHeaders, requestCookies] = await Promise.all([headers(), cookies()]);
  return chooseLocale({
    query: requestHeaders.get(LOCALE_HEADER),
    cookie: requestCookies.get(LOCALE_COOKIE)?.value,
    acceptLanguage: requestHeaders.get("accept-language"),
  });
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: messagesFor(locale), timeZone: "UTC" };
});
