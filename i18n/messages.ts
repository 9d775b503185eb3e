// Every message of the site, per language: one JSON file per namespace and language under messages/<locale>/.
// A namespace is added here once, for both languages (i18n/messages.test.ts checks that their keys match).
import adminEn from "../messages/en/admin.json";
import adminVi from "../messages/vi/admin.json";
import adminTokensEn from "../messages/en/admin-tokens.json";
import adminTokensVi from "../messages/vi/admin-tokens.json";
import adminAuditEn from "../messages/en/admin-audit.json";
import adminAuditVi from "../messages/vi/admin-audit.json";
import adminSettingsEn from "../messages/en/admin-settings.json";
import adminPlansEn from "../messages/en/admin-plans.json";
import adminPlansVi from "../messages/vi/admin-plans.json";
import adminSettingsVi from "../messages/vi/admin-settings.json";
import adminUsersEn from "../messages/en/admin-users.json";
import adminUsersVi from "../messages/vi/admin-users.json";
import adminCatalogEn from "../messages/en/admin-catalog.json";
import adminCatalogVi from "../messages/vi/admin-catalog.json";
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
import docsEn from "../messages/en/docs.json";
import docsVi from "../messages/vi/docs.json";
import docsQuickstartEn from "../messages/en/docs-quickstart.json";
import docsQuickstartVi from "../messages/vi/docs-quickstart.json";
import docsAuthenticationEn from "../messages/en/docs-authentication.json";
import docsAuthenticationVi from "../messages/vi/docs-authentication.json";
import docsChatCompletionsEn from "../messages/en/docs-chat-completions.json";
import docsChatCompletionsVi from "../messages/vi/docs-chat-completions.json";
import docsStreamingEn from "../messages/en/docs-streaming.json";
import docsStreamingVi from "../messages/vi/docs-streaming.json";
import docsToolsEn from "../messages/en/docs-tools.json";
import docsToolsVi from "../messages/vi/docs-tools.json";
import docsStructuredOutputsEn from "../messages/en/docs-structured-outputs.json";
import docsStructuredOutputsVi from "../messages/vi/docs-structured-outputs.json";
import docsVisionEn from "../messages/en/docs-vision.json";
import docsVisionVi from "../messages/vi/docs-vision.json";
import docsEmbeddingsEn from "../messages/en/docs-embeddings.json";
import docsEmbeddingsVi from "../messages/vi/docs-embeddings.json";
import docsImagesEn from "../messages/en/docs-images.json";
import docsAudioEn from "../messages/en/docs-audio.json";
import docsImagesVi from "../messages/vi/docs-images.json";
import docsAudioVi from "../messages/vi/docs-audio.json";
import docsModelsEn from "../messages/en/docs-models.json";
import docsModelsVi from "../messages/vi/docs-models.json";
import docsAnthropicMessagesEn from "../messages/en/docs-anthropic-messages.json";
import docsAnthropicMessagesVi from "../messages/vi/docs-anthropic-messages.json";
import docsCostAndUsageEn from "../messages/en/docs-cost-and-usage.json";
import docsCostAndUsageVi from "../messages/vi/docs-cost-and-usage.json";
import docsErrorsEn from "../messages/en/docs-errors.json";
import docsErrorsVi from "../messages/vi/docs-errors.json";
import docsRateLimitsEn from "../messages/en/docs-rate-limits.json";
import docsRateLimitsVi from "../messages/vi/docs-rate-limits.json";
import docsOwnProvidersEn from "../messages/en/docs-own-providers.json";
import docsOwnProvidersVi from "../messages/vi/docs-own-providers.json";
import docsFailoverEn from "../messages/en/docs-failover.json";
import docsFailoverVi from "../messages/vi/docs-failover.json";
import docsMigratingFromOpenaiEn from "../messages/en/docs-migrating-from-openai.json";
import docsMigratingFromOpenaiVi from "../messages/vi/docs-migrating-from-openai.json";
import docsIntegrationsEn from "../messages/en/docs-integrations.json";
import docsIntegrationsVi from "../messages/vi/docs-integrations.json";
import docsMcpEn from "../messages/en/docs-mcp.json";
import docsMcpVi from "../messages/vi/docs-mcp.json";
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
import providersEn from "../messages/en/providers.json";
import providersVi from "../messages/vi/providers.json";
import welcomeEn from "../messages/en/welcome.json";
import welcomeVi from "../messages/vi/welcome.json";
import statusVi from "../messages/vi/status.json";
import usageEn from "../messages/en/usage.json";
import usageVi from "../messages/vi/usage.json";
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
    docs: docsEn,
    "docs-quickstart": docsQuickstartEn,
    "docs-authentication": docsAuthenticationEn,
    "docs-chat-completions": docsChatCompletionsEn,
    "docs-streaming": docsStreamingEn,
    "docs-tools": docsToolsEn,
    "docs-structured-outputs": docsStructuredOutputsEn,
    "docs-vision": docsVisionEn,
    "docs-embeddings": docsEmbeddingsEn,
    "docs-images": docsImagesEn,
    "docs-audio": docsAudioEn,
    "docs-models": docsModelsEn,
    "docs-anthropic-messages": docsAnthropicMessagesEn,
    "docs-cost-and-usage": docsCostAndUsageEn,
    "docs-errors": docsErrorsEn,
    dashboard: dashboardEn,
    keys: keysEn,
    usage: usageEn,
    "docs-rate-limits": docsRateLimitsEn,
    "docs-failover": docsFailoverEn,
    "docs-own-providers": docsOwnProvidersEn,
    "docs-migrating-from-openai": docsMigratingFromOpenaiEn,
    "docs-integrations": docsIntegrationsEn,
    "docs-mcp": docsMcpEn,
    billing: billingEn,
    auth: authEn,
    admin: adminEn,
    "admin-tokens": adminTokensEn,
    "admin-users": adminUsersEn,
    "admin-settings": adminSettingsEn,
    "admin-plans": adminPlansEn,
    "admin-audit": adminAuditEn,
    "admin-catalog": adminCatalogEn,
    providers: providersEn,
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
    docs: docsVi,
    "docs-quickstart": docsQuickstartVi,
    "docs-authentication": docsAuthenticationVi,
    "docs-chat-completions": docsChatCompletionsVi,
    "docs-streaming": docsStreamingVi,
    "docs-tools": docsToolsVi,
    "docs-structured-outputs": docsStructuredOutputsVi,
    "docs-vision": docsVisionVi,
    "docs-embeddings": docsEmbeddingsVi,
    "docs-images": docsImagesVi,
    "docs-audio": docsAudioVi,
    "docs-models": docsModelsVi,
    "docs-anthropic-messages": docsAnthropicMessagesVi,
    "docs-cost-and-usage": docsCostAndUsageVi,
    "docs-errors": docsErrorsVi,
    dashboard: dashboardVi,
    keys: keysVi,
    usage: usageVi,
    "docs-rate-limits": docsRateLimitsVi,
    "docs-failover": docsFailoverVi,
    "docs-own-providers": docsOwnProvidersVi,
    "docs-migrating-from-openai": docsMigratingFromOpenaiVi,
    "docs-integrations": docsIntegrationsVi,
    "docs-mcp": docsMcpVi,
    billing: billingVi,
    auth: authVi,
    admin: adminVi,
    "admin-tokens": adminTokensVi,
    "admin-users": adminUsersVi,
    "admin-settings": adminSettingsVi,
    "admin-plans": adminPlansVi,
    "admin-audit": adminAuditVi,
    "admin-catalog": adminCatalogVi,
    providers: providersVi,
    welcome: welcomeVi,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof MESSAGES)["en"];

/**
 * The namespaces client components read with useTranslations(); only these are sent to the browser, and only by the
 * page that needs them (the playground, through its own NextIntlClientProvider). Every other client component gets
 * its strings as props from a server component, which costs nothing in JavaScript.
 */
export const CLIENT_NAMESPACES = ["playground"] as const satisfies readonly (keyof Messages)[];

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale] as Messages;
}

export function clientMessagesFor(locale: Locale): Partial<Messages> {
  const all = messagesFor(locale);
  return Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, all[namespace]]));
}
