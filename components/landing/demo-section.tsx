// The free demo on the landing page: the models it can serve now (from the in-memory catalog: no query per view), or
// why there is none. The chat is a client component given its messages (the `demo` namespace) as a prop, filled in by
// i18n/client-text.ts: no message formatter is shipped to the browser.
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { messagesFor } from "@/i18n/messages";
import type { Locale } from "@/i18n/locales";
import { primaryButton } from "@/components/ui/styles";
import type { Catalog } from "@/lib/catalog/catalog";
import { demoModels } from "@/lib/demo/demo-models";
import { DEMO_LIMITS, type DemoSettings } from "@/lib/demo/demo-settings";
import { DemoChat } from "./demo-chat";

export async function DemoSection({ catalog, settings }: { catalog: Catalog | undefined; settings: DemoSettings }) {
  const t = await getTranslations("demo");
  const locale = (await getLocale()) as Locale;
  const models = settings.enabled && catalog ? demoModels(catalog, settings.models) : [];

  if (models.length === 0) {
    return (
      <div className="flex min-h-[16rem] flex-col items-center justify-center gap-4 rounded-2xl border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700">
        <p className="max-w-md text-sm text-zinc-600 dark:text-zinc-400">
          {settings.enabled ? t("noModel") : t("off")}
        </p>
        <Link href="/signin" className={primaryButton}>
          {t("offCta")}
        </Link>
      </div>
    );
  }
  return (
    <DemoChat
      text={messagesFor(locale).demo}
      locale={locale}
      models={models.map((model) => ({ id: model.id, displayName: model.displayName }))}
      perMinute={settings.perMinute}
      maxMessages={DEMO_LIMITS.maxMessages}
      maxQuestionChars={DEMO_LIMITS.maxQuestionChars}
    />
  );
}
