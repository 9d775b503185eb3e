// GET /providers – the signed-in customer's own OpenAI-compatible endpoints (bring your own provider): add one, its
// keys (write-only), a connection test, the models to offer as byo/<name>/<model>, delete it.
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ActionForm, SubmitButton, TextField } from "@/components/admin/action-form";
import { DataTable } from "@/components/admin/data-table";
import { ModelPicker } from "@/components/byo/model-picker";
import type { Locale } from "@/i18n/locales";
import { messagesFor } from "@/i18n/messages";
import { loadedSettings } from "@/lib/admin/settings";
import { requireUserId } from "@/lib/auth/session";
import { type ByoProviderView, listByoProviders } from "@/lib/byo/byo-providers";
import { formatUsdCost, usdToMicros } from "@/lib/money";
import {
  addByoKeyAction,
  createByoProviderAction,
  deleteByoProviderAction,
  removeByoKeyAction,
  saveByoModelsAction,
  testByoConnectionAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("providers");
  return { title: t("metaTitle") };
}

type T = Awaited<ReturnType<typeof getTranslations<"providers">>>;

const details = "rounded-md border border-zinc-200 p-3 dark:border-zinc-800";
const summary = "cursor-pointer text-sm font-medium";
const muted = "text-xs text-zinc-600 dark:text-zinc-400";

function ProviderCard({ provider, t, locale }: { provider: ByoProviderView; t: T; locale: Locale }) {
  const id = `byo-${provider.id}`;
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      data-byo-provider={provider.name}
    >
      <header className="min-w-0">
        <h2 id={`${id}-title`} className="font-mono text-lg font-semibold">
          {provider.name}
        </h2>
        <p className="break-all font-mono text-xs text-zinc-600 dark:text-zinc-400">{provider.baseUrl}</p>
      </header>

      <div>
        <h3 className="text-sm font-medium">{t("provider.models")}</h3>
        {provider.models.length === 0 ? (
          <p className={muted}>{t("provider.modelsNone")}</p>
        ) : (
          <ul className="mt-1 space-y-0.5">
            {provider.models.map((model) => (
              <li key={model.id} className="break-all font-mono text-sm">
                <span className="sr-only">{t("provider.callAs")} </span>
                {model.id}
              </li>
            ))}
          </ul>
        )}
      </div>

      <DataTable
        look="inset"
        caption={t("provider.keysCaption", { name: provider.name })}
        empty={t("provider.noKeys")}
        minWidth="min-w-[20rem]"
        columns={[
          t("provider.keyLabel"),
          t("provider.keyEnd"),
          { label: t("provider.keyAdded"), narrow: "hidden" },
          t("provider.actions"),
        ]}
        rows={provider.keys.map((key) => (
          <tr key={key.id} className="align-top">
            <td className="py-2 pr-3">{key.label}</td>
            <td className="py-2 pr-3 font-mono text-xs">…{key.lastFour}</td>
            <td className="hidden py-2 pr-3 text-xs sm:table-cell">
              {key.createdAt.toLocaleDateString(locale, { timeZone: "UTC" })}
            </td>
            <td className="py-2">
              <ActionForm
                action={removeByoKeyAction}
                id={`${id}-remove-${key.id}`}
                label={t("provider.removeKeyLabel", { label: key.label })}
              >
                <input type="hidden" name="keyId" value={key.id} />
                <SubmitButton variant="danger" pendingLabel={t("saving")}>
                  {t("provider.removeKey")}
                </SubmitButton>
              </ActionForm>
            </td>
          </tr>
        ))}
      />

      <div className="grid gap-3 lg:grid-cols-2">
        <div className={details}>
          <h3 className="text-sm font-medium">{t("picker.title")}</h3>
          <div className="mt-2">
            <ModelPicker
              providerId={provider.id}
              keys={provider.keys}
              chosen={provider.models.map((model) => model.upstreamModel)}
              testAction={testByoConnectionAction}
              saveAction={saveByoModelsAction}
              text={{
                label: t("picker.label", { name: provider.name }),
                key: t("picker.key"),
                test: t("picker.test"),
                testing: t("picker.testing"),
                listed: t("picker.listed"),
                typed: t("picker.typed"),
                typedHint: t("picker.typedHint"),
                save: t("picker.save"),
                saving: t("picker.saving"),
              }}
            />
          </div>
        </div>
        <div className="space-y-3">
          <details className={details}>
            <summary className={summary}>{t("provider.addKey")}</summary>
            <ActionForm
              action={addByoKeyAction}
              id={`${id}-add-key`}
              label={t("provider.addKeyLabel", { name: provider.name })}
              className="mt-2 space-y-2"
            >
              <input type="hidden" name="providerId" value={provider.id} />
              <TextField name="label" label={t("create.keyLabel")} hint={t("create.keyLabelHint")} />
              <TextField name="secret" type="password" label={t("create.secret")} hint={t("create.secretHint")} />
              <SubmitButton pendingLabel={t("saving")}>{t("provider.addKeyButton")}</SubmitButton>
            </ActionForm>
          </details>
          <details className={details}>
            <summary className={summary}>{t("provider.delete")}</summary>
            <ActionForm
              action={deleteByoProviderAction}
              id={`${id}-delete`}
              label={t("provider.deleteLabel", { name: provider.name })}
              className="mt-2 space-y-2"
            >
              <input type="hidden" name="providerId" value={provider.id} />
              <p className={muted}>{t("provider.deleteHint")}</p>
              <SubmitButton variant="danger" pendingLabel={t("saving")}>
                {t("provider.delete")}
              </SubmitButton>
            </ActionForm>
          </details>
        </div>
      </div>
    </section>
  );
}

async function Providers() {
  const userId = await requireUserId();
  const [t, locale, providers, fees] = await Promise.all([
    getTranslations("providers"),
    getLocale() as Promise<Locale>,
    listByoProviders(userId),
    loadedSettings(),
  ]);
  const free = fees.byoRequestFeeUsd === 0 && fees.byoMillionTokensFeeUsd === 0;
  return (
    <>
      <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400" data-testid="byo-fee">
        {free
          ? t("fee.free")
          : t("fee.charged", {
              perRequest: formatUsdCost(usdToMicros(fees.byoRequestFeeUsd), { locale }),
              perMillion: formatUsdCost(usdToMicros(fees.byoMillionTokensFeeUsd), { locale }),
            })}
      </p>
      {providers.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("empty")}</p>
      ) : (
        providers.map((provider) => <ProviderCard key={provider.id} provider={provider} t={t} locale={locale} />)
      )}
    </>
  );
}

async function ProvidersWorkspace() {
  const t = await getTranslations("providers");
  const loading = messagesFor((await getLocale()) as Locale).keys.loading;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{t("description")}</p>
      </header>
      <details className={details} open>
        <summary className={summary}>{t("create.title")}</summary>
        <ActionForm
          action={createByoProviderAction}
          id="new-byo-provider"
          label={t("create.title")}
          className="mt-3 grid gap-3 sm:grid-cols-2"
        >
          <TextField name="name" label={t("create.name")} hint={t("create.nameHint")} placeholder="my-vllm" />
          <TextField
            name="baseUrl"
            type="url"
            label={t("create.baseUrl")}
            hint={t("create.baseUrlHint")}
            placeholder="https://llm.example.com/v1"
          />
          <TextField name="label" label={t("create.keyLabel")} hint={t("create.keyLabelHint")} />
          <TextField name="secret" type="password" label={t("create.secret")} hint={t("create.secretHint")} />
          <div className="sm:col-span-2">
            <SubmitButton pendingLabel={t("saving")}>{t("create.button")}</SubmitButton>
          </div>
        </ActionForm>
      </details>
      <Suspense fallback={<p className="text-sm text-zinc-600 dark:text-zinc-400">{loading}</p>}>
        <Providers />
      </Suspense>
    </div>
  );
}

export default function ProvidersPage() {
  return (
    <Suspense fallback={null}>
      <ProvidersWorkspace />
    </Suspense>
  );
}
