// Every message of the site, per language: one JSON file per namespace and language under messages/<locale>/.
// A namespace is added here once, for both languages (i18n/messages.test.ts checks that their keys match).
import authEn from "../messages/en/auth.json";
import authVi from "../messages/vi/auth.json";
import billingEn from "../messages/en/billing.json";
import billingVi from "../messages/vi/billing.json";
import commonEn from "../messages/en/common.json";
import commonVi from "../messages/vi/common.json";
import dashboardEn from "../messages/en/dashboard.json";
import dashboardVi from "../messages/vi/dashboard.json";
import demoEn from "../messages/en/demo.json";
import demoVi from "../messages/vi/demo.json";
import keysEn from "../messages/en/keys.json";
import keysVi from "../messages/vi/keys.json";
import landingEn from "../messages/en/landing.json";
import landingVi from "../messages/vi/landing.json";
import modelsEn from "../messages/en/models.json";
import modelsVi from "../messages/vi/models.json";
import playgroundEn from "../messages/en/playground.json";
import playgroundVi from "../messages/vi/playground.json";
import pricingEn from "../messages/en/pricing.json";
import pricingVi from "../messages/vi/pricing.json";
import statusEn from "../messages/en/status.json";
import welcomeEn from "../messages/en/welcome.json";
import welcomeVi from "../messages/vi/welcome.json";
import statusVi from "../messages/vi/status.json";
import type { Locale } from "./locales";

export const MESSAGES = {
  en: {
    common: commonEn,
    landing: landingEn,
    demo: demoEn,
    playground: playgroundEn,
    models: modelsEn,
    status: statusEn,
    pricing: pricingEn,
    dashboard: dashboardEn,
    keys: keysEn,
    billing: billingEn,
    auth: authEn,
    welcome: welcomeEn,
  },
  vi: {
    common: commonVi,
    landing: landingVi,
    demo: demoVi,
    playground: playgroundVi,
    models: modelsVi,
    status: statusVi,
    pricing: pricingVi,
    dashboard: dashboardVi,
    keys: keysVi,
    billing: billingVi,
    auth: authVi,
    welcome: welcomeVi,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof MESSAGES)["en"];

/**
 * The namespaces client components read with useTranslations(); only these are sent to the browser (a server
 * component passes its strings as props instead, which costs nothing in JavaScript).
 */
export const CLIENT_NAMESPACES = ["common"] as const satisfies readonly (keyof Messages)[];

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale] as Messages;
}

export function clientMessagesFor(locale: Locale): Partial<Messages> {
  const all = messagesFor(locale);
  return Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, all[namespace]]));
}
