// The playground: chat with any model the account may call, charged like any request (to the user's "Playground" key).
// The models come from the gateway's in-memory catalog; the chat is a client component with its own messages (the
// `playground` namespace, sent to this page only).
import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { Playground } from "@/components/playground/playground";
import { clientMessagesFor } from "@/i18n/messages";
import type { Locale } from "@/i18n/locales";
import { requireUserId } from "@/lib/auth/session";
import { getCatalog } from "@/lib/catalog/catalog";
import { PLAYGROUND_KEY_NAME } from "@/lib/playground/playground-key";
import { playgroundModels } from "@/lib/playground/playground-models";

const PREFERRED_MODEL = "openai/gpt-4o-mini";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("playground");
  return { title: t("metaTitle") };
}

export default async function PlaygroundPage() {
  await requireUserId();
  const t = await getTranslations("playground");
  const locale = (await getLocale()) as Locale;
  const models = playgroundModels(await getCatalog());
  const defaultModel = models.find((model) => model.id === PREFERRED_MODEL)?.id ?? models[0]?.id;

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          {t.rich("intro", {
            key: PLAYGROUND_KEY_NAME,
            keys: (chunks) => (
              <Link href="/keys" className="font-medium text-zinc-900 underline underline-offset-2 dark:text-zinc-100">
                {chunks}
              </Link>
            ),
            usage: (chunks) => (
              <Link href="/usage" className="font-medium text-zinc-900 underline underline-offset-2 dark:text-zinc-100">
                {chunks}
              </Link>
            ),
          })}
        </p>
      </header>
      {defaultModel ? (
        <NextIntlClientProvider locale={locale} messages={clientMessagesFor(locale)} timeZone="UTC">
          <Playground models={models} defaultModel={defaultModel} />
        </NextIntlClientProvider>
      ) : (
        <p className="rounded-xl border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          {t("noModels")}
        </p>
      )}
    </div>
  );
}
