// GET /admin/providers – the built-in provider families and custom OpenAI-compatible servers: their keys (write-only
// secrets), each key's health, and a connection test.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ActionForm, CheckboxField, SelectField, SubmitButton, TextField } from "@/components/admin/action-form";
import { Badge, formatTime } from "@/components/admin/catalog-bits";
import { type ProviderKeyView, type ProviderView, providersOverview } from "@/lib/admin/catalog/views";
import { requireAdmin } from "@/lib/admin/guard";
import {
  addKeyAction,
  createProviderAction,
  removeKeyAction,
  setKeyEnabledAction,
  setProviderEnabledAction,
  testConnectionAction,
  updateKeyAction,
  updateProviderAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  // The title names the console: a visitor who is not an admin gets the 404 here too, not a hint of the page.
  await requireAdmin();
  const t = await getTranslations("admin-catalog.providers");
  return { title: t("metaTitle") };
}

type T = Awaited<ReturnType<typeof getTranslations<"admin-catalog.providers">>>;

const details = "rounded-md border border-zinc-200 p-3 dark:border-zinc-800";
const summary = "cursor-pointer text-sm font-medium";

function KeyStatus({ providerKey, t }: { providerKey: ProviderKeyView; t: T }) {
  if (providerKey.enabled) return <Badge tone="good">{t("keyState.inService")}</Badge>;
  if (providerKey.probeKind)
    return (
      <span>
        <Badge tone="bad">{t("keyState.refused")}</Badge>
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">
          {t("keyState.retest", { time: formatTime(providerKey.nextProbeAt) })}
          {providerKey.lastProbeError ? ` · ${providerKey.lastProbeError}` : ""}
        </span>
      </span>
    );
  return (
    <span>
      <Badge tone="muted">{t("keyState.disabled")}</Badge>
      {providerKey.disabledReason && (
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">{providerKey.disabledReason}</span>
      )}
    </span>
  );
}

function KeyHealth({ providerKey, t }: { providerKey: ProviderKeyView; t: T }) {
  const { health } = providerKey;
  return (
    <div className="space-y-0.5 text-xs">
      {health.availability === "ready" && <Badge tone="good">{t("health.ready")}</Badge>}
      {health.availability === "cooling" && (
        <Badge tone="warn">{t("health.cooling", { time: formatTime(health.coolingUntil) })}</Badge>
      )}
      {health.availability === "open" && (
        <Badge tone="bad">{t("health.open", { time: formatTime(health.circuitOpenUntil) })}</Badge>
      )}
      {health.lastError && (
        <p className="break-words text-zinc-600 dark:text-zinc-400">
          {t("health.lastError", { error: health.lastError, time: formatTime(health.lastErrorAt) })}
        </p>
      )}
    </div>
  );
}

function KeyRow({ provider, providerKey, t }: { provider: ProviderView; providerKey: ProviderKeyView; t: T }) {
  const id = `key-${providerKey.id}`;
  return (
    <tr className="border-t border-zinc-200 align-top dark:border-zinc-800">
      <td className="py-2 pr-3">
        <p className="font-medium">{providerKey.label}</p>
        <p className="font-mono text-xs text-zinc-600 dark:text-zinc-400">
          {provider.keyless ? t("keys.keyless") : `…${providerKey.lastFour}`}
        </p>
        {providerKey.fromEnvironment && <Badge tone="info">{t("fromEnvironment")}</Badge>}
      </td>
      <td className="py-2 pr-3 tabular-nums">{providerKey.weight}</td>
      <td className="py-2 pr-3">
        <KeyStatus providerKey={providerKey} t={t} />
      </td>
      <td className="py-2 pr-3">
        <KeyHealth providerKey={providerKey} t={t} />
      </td>
      <td className="py-2 pr-3 text-xs tabular-nums">
        {t("keys.lastHour", { requests: providerKey.requestsLastHour, errors: providerKey.errorsLastHour })}
      </td>
      <td className="py-2">
        <div className="flex flex-col gap-2">
          <ActionForm
            action={setKeyEnabledAction}
            id={`${id}-toggle`}
            label={t("keys.toggleLabel", { label: providerKey.label })}
          >
            <input type="hidden" name="keyId" value={providerKey.id} />
            <input type="hidden" name="enabled" value={providerKey.enabled ? "false" : "true"} />
            <SubmitButton variant="secondary" pendingLabel={t("saving")}>
              {providerKey.enabled ? t("keys.disable") : t("keys.enable")}
            </SubmitButton>
          </ActionForm>
          <details className={details}>
            <summary className={summary}>{t("keys.edit")}</summary>
            <ActionForm
              action={updateKeyAction}
              id={`${id}-edit`}
              label={t("keys.editLabel", { label: providerKey.label })}
              className="mt-2 space-y-2"
            >
              <input type="hidden" name="keyId" value={providerKey.id} />
              <TextField name="label" label={t("keys.label")} defaultValue={providerKey.label} />
              <TextField name="weight" label={t("keys.weight")} defaultValue={String(providerKey.weight)} />
              <CheckboxField name="enabled" label={t("keys.enabled")} defaultChecked={providerKey.enabled} />
              <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
            </ActionForm>
          </details>
          {providerKey.fromEnvironment ? (
            <p className="max-w-48 text-xs text-zinc-600 dark:text-zinc-400">
              {t("keys.envRemoval", { variable: `${provider.envPrefix}_${provider.keyless ? "BASE_URL" : "API_KEY"}` })}
            </p>
          ) : (
            <ActionForm
              action={removeKeyAction}
              id={`${id}-remove`}
              label={t("keys.removeLabel", { label: providerKey.label })}
            >
              <input type="hidden" name="keyId" value={providerKey.id} />
              <SubmitButton variant="danger" pendingLabel={t("saving")}>
                {t("keys.remove")}
              </SubmitButton>
            </ActionForm>
          )}
        </div>
      </td>
    </tr>
  );
}

function ProviderCard({ provider, t }: { provider: ProviderView; t: T }) {
  const id = `provider-${provider.id}`;
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      data-provider={provider.id}
    >
      <header className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {provider.name}{" "}
            <span className="font-mono text-sm font-normal text-zinc-600 dark:text-zinc-400">{provider.id}</span>
          </h2>
          <p className="break-all font-mono text-xs text-zinc-600 dark:text-zinc-400">{provider.baseUrl}</p>
          <div className="mt-1 flex flex-wrap gap-1">
            <Badge tone="muted">{provider.builtIn ? t("builtIn") : t("custom")}</Badge>
            <Badge tone="muted">{t(`kind.${provider.kind}`)}</Badge>
            {provider.fromEnvironment && <Badge tone="info">{t("fromEnvironment")}</Badge>}
            {provider.enabled ? <Badge tone="good">{t("enabled")}</Badge> : <Badge tone="bad">{t("disabled")}</Badge>}
            <Badge tone="muted">{t("models", { count: provider.models })}</Badge>
          </div>
        </div>
        <ActionForm
          action={setProviderEnabledAction}
          id={`${id}-toggle`}
          label={t("toggleLabel", { name: provider.name })}
        >
          <input type="hidden" name="providerId" value={provider.id} />
          <input type="hidden" name="enabled" value={provider.enabled ? "false" : "true"} />
          <SubmitButton variant="secondary" pendingLabel={t("saving")}>
            {provider.enabled ? t("disable") : t("enable")}
          </SubmitButton>
        </ActionForm>
      </header>

      <div className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[720px] text-left text-sm">
          <caption className="sr-only">{t("keys.caption", { name: provider.name })}</caption>
          <thead className="text-xs uppercase text-zinc-600 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-1 pr-3">
                {t("keys.key")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("keys.weight")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("keys.state")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("keys.health")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("keys.traffic")}
              </th>
              <th scope="col" className="py-1">
                {t("keys.actions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {provider.keys.length === 0 ? (
              <tr>
                <td colSpan={6} className="py-2 text-zinc-600 dark:text-zinc-400">
                  {provider.envPrefix
                    ? t("keys.noneBuiltIn", { variable: `${provider.envPrefix}_API_KEY` })
                    : t("keys.none")}
                </td>
              </tr>
            ) : (
              provider.keys.map((providerKey) => (
                <KeyRow key={providerKey.id} provider={provider} providerKey={providerKey} t={t} />
              ))
            )}
          </tbody>
        </table>
      </div>

      <div className="mt-4 grid gap-3 lg:grid-cols-3">
        {!provider.keyless && (
          <details className={details}>
            <summary className={summary}>{t("keys.add")}</summary>
            <ActionForm
              action={addKeyAction}
              id={`${id}-add-key`}
              label={t("keys.addLabel", { name: provider.name })}
              className="mt-2 space-y-2"
            >
              <input type="hidden" name="providerId" value={provider.id} />
              <TextField name="label" label={t("keys.label")} placeholder={t("keys.labelPlaceholder")} />
              <TextField name="secret" type="password" label={t("keys.secret")} hint={t("keys.secretHint")} />
              <TextField name="weight" label={t("keys.weight")} defaultValue="1" hint={t("keys.weightHint")} />
              <SubmitButton pendingLabel={t("saving")}>{t("keys.addButton")}</SubmitButton>
            </ActionForm>
          </details>
        )}
        <details className={details}>
          <summary className={summary}>{t("test.title")}</summary>
          <ActionForm
            action={testConnectionAction}
            id={`${id}-test`}
            label={t("test.label", { name: provider.name })}
            className="mt-2 space-y-2"
          >
            <input type="hidden" name="providerId" value={provider.id} />
            {provider.keys.length > 0 && (
              <SelectField
                name="keyId"
                label={t("test.key")}
                options={provider.keys.map((providerKey) => ({
                  value: providerKey.id,
                  label: provider.keyless ? providerKey.label : `${providerKey.label} (…${providerKey.lastFour})`,
                }))}
              />
            )}
            <p className="text-xs text-zinc-600 dark:text-zinc-400">{t("test.hint")}</p>
            <SubmitButton variant="secondary" pendingLabel={t("test.running")}>
              {t("test.button")}
            </SubmitButton>
          </ActionForm>
        </details>
        <details className={details}>
          <summary className={summary}>{t("edit")}</summary>
          <ActionForm
            action={updateProviderAction}
            id={`${id}-edit`}
            label={t("editLabel", { name: provider.name })}
            className="mt-2 space-y-2"
          >
            <input type="hidden" name="providerId" value={provider.id} />
            <TextField name="name" label={t("name")} defaultValue={provider.name} />
            <TextField
              name="baseUrl"
              type="url"
              label={t("baseUrl")}
              defaultValue={provider.baseUrl}
              hint={
                provider.baseUrlFromEnvironment
                  ? t("baseUrlFromEnvironment", { variable: `${provider.envPrefix}_BASE_URL` })
                  : undefined
              }
            />
            <CheckboxField name="enabled" label={t("enabled")} defaultChecked={provider.enabled} />
            <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
          </ActionForm>
        </details>
      </div>
    </section>
  );
}

async function Providers() {
  await requireAdmin();
  const [t, providers] = await Promise.all([getTranslations("admin-catalog.providers"), providersOverview()]);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{t("description")}</p>
      </header>
      <details className={details}>
        <summary className={summary}>{t("create.title")}</summary>
        <ActionForm
          action={createProviderAction}
          id="new-provider"
          label={t("create.title")}
          className="mt-3 grid gap-3 sm:grid-cols-3"
        >
          <TextField name="id" label={t("create.id")} hint={t("create.idHint")} placeholder="my-vllm" />
          <TextField name="name" label={t("name")} placeholder="vLLM (lab)" />
          <TextField
            name="baseUrl"
            type="url"
            label={t("baseUrl")}
            hint={t("create.baseUrlHint")}
            placeholder="http://10.0.0.5:8000/v1"
          />
          <div className="sm:col-span-3">
            <SubmitButton pendingLabel={t("saving")}>{t("create.button")}</SubmitButton>
          </div>
        </ActionForm>
      </details>
      {providers.map((provider) => (
        <ProviderCard key={provider.id} provider={provider} t={t} />
      ))}
    </div>
  );
}

export default function ProvidersPage() {
  return (
    <Suspense fallback={null}>
      <Providers />
    </Suspense>
  );
}
