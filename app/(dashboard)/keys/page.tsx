import type { Metadata } from "next";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ConnectCard } from "@/components/dashboard/connect-card";
import { CreateKeyDialog } from "@/components/dashboard/create-key-dialog";
import { KeysTable } from "@/components/dashboard/keys-table";
import type { Locale } from "@/i18n/locales";
import { messagesFor } from "@/i18n/messages";
import { requireUserId } from "@/lib/auth/session";
import { keySpendThisMonth, listApiKeys } from "@/lib/db/queries/dashboard";
import { env } from "@/lib/env";
import { siteOrigin } from "@/lib/site-origin";
import { createKeyAction, revokeKeyAction, updateKeyAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("keys");
  return { title: t("metaTitle") };
}

/** The gateway's base URL as printed: this site's origin (only shown, never followed) followed by /v1. */
async function gatewayBaseUrl(): Promise<string | undefined> {
  const list = await headers();
  const origin = siteOrigin({ authUrl: env().AUTH_URL, header: (name) => list.get(name) });
  return origin && `${origin}/v1`;
}

async function Keys() {
  const userId = await requireUserId();
  const locale = (await getLocale()) as Locale;
  const now = new Date();
  const [keys, spend] = await Promise.all([listApiKeys(userId), keySpendThisMonth(userId, { now })]);
  return (
    <KeysTable
      keys={keys}
      spend={spend}
      now={now}
      actions={{ edit: updateKeyAction, revoke: revokeKeyAction }}
      text={messagesFor(locale).keys}
      locale={locale}
    />
  );
}

async function KeysWorkspace() {
  const locale = (await getLocale()) as Locale;
  const text = messagesFor(locale).keys;
  const baseUrl = await gatewayBaseUrl();
  return (
    <div className="space-y-8">
      <header className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{text.title}</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{text.description}</p>
        </div>
        <CreateKeyDialog action={createKeyAction} baseUrl={baseUrl} text={text} />
      </header>
      <Suspense fallback={<p className="text-sm text-zinc-600 dark:text-zinc-400">{text.loading}</p>}>
        <Keys />
      </Suspense>
      <ConnectCard baseUrl={baseUrl ?? "/v1"} text={text} />
    </div>
  );
}

export default function KeysPage() {
  return (
    <Suspense fallback={null}>
      <KeysWorkspace />
    </Suspense>
  );
}
