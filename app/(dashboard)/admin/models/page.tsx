// GET /admin/models – the catalog as a table (search, filter by provider and status), a model's form (prices per 1M
// tokens in USD, markup, status, aliases), and an import from a provider's own model list.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import {
  ActionForm,
  CheckboxField,
  GroupIssue,
  SelectField,
  SubmitButton,
  TextField,
} from "@/components/admin/action-form";
import { Badge, Disclosure } from "@/components/admin/catalog-bits";
import { DataTable } from "@/components/admin/data-table";
import { FilterForm } from "@/components/admin/filter-form";
import { AdminPageHeader } from "@/components/admin/page-header";
import { imagePricesText, markupText, microsToUsdText } from "@/components/admin/usd-text";
import { CAPABILITIES, MODEL_KINDS, MODEL_STATUSES } from "@/lib/admin/catalog/catalog-input";
import { testProviderConnection } from "@/lib/admin/catalog/test-connection";
import { catalogModel, listCatalogModels, type ModelFilter, providerChoices } from "@/lib/admin/catalog/views";
import { requireAdmin } from "@/lib/admin/guard";
import { loadedSettings } from "@/lib/admin/settings";
import { formatUsd } from "@/lib/money";
import { adminMetadata } from "../admin-metadata";
import { type SearchParams, searchParam } from "../search-params";
import { createModelAction, importModelsAction, updateModelAction } from "./actions";

export const generateMetadata = adminMetadata("admin-catalog.models");

type T = Awaited<ReturnType<typeof getTranslations<"admin-catalog.models">>>;
type EditedModel = NonNullable<Awaited<ReturnType<typeof catalogModel>>>;
type Providers = Awaited<ReturnType<typeof providerChoices>>;

/** The per-token prices a model's form edits, each the name of its field and, with "Micros", of the model's column. */
const PRICE_FIELDS = ["inputPrice", "cachedInputPrice", "cacheWritePrice", "outputPrice"] as const;

function ModelForm({
  model,
  providers,
  defaultMarkupBps,
  t,
}: {
  model: EditedModel | null;
  providers: Providers;
  defaultMarkupBps: number;
  t: T;
}) {
  const formId = model ? "edit-model" : "new-model";
  const extraCapabilities = (model?.capabilities ?? []).filter(
    (capability) => !(CAPABILITIES as readonly string[]).includes(capability),
  );
  return (
    <ActionForm
      action={model ? updateModelAction : createModelAction}
      id={formId}
      label={model ? t("form.editTitle", { id: model.id }) : t("form.createTitle")}
      className="mt-3 space-y-4"
    >
      {model && <input type="hidden" name="modelId" value={model.id} />}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {!model && (
          <TextField name="id" label={t("form.id")} hint={t("form.idHint")} placeholder="openai/gpt-4o-mini" />
        )}
        <TextField name="displayName" label={t("form.displayName")} defaultValue={model?.displayName ?? ""} />
        <SelectField
          name="kind"
          label={t("form.kind")}
          defaultValue={model?.kind ?? "chat"}
          options={MODEL_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
        />
        <SelectField
          name="providerId"
          label={t("form.provider")}
          defaultValue={model?.providerId ?? providers[0]?.id ?? ""}
          options={providers.map((provider) => ({ value: provider.id, label: `${provider.name} (${provider.id})` }))}
        />
        <TextField
          name="upstreamModel"
          label={t("form.upstreamModel")}
          defaultValue={model?.upstreamModel ?? ""}
          hint={model ? t("form.upstreamModelEditHint") : t("form.upstreamModelHint")}
        />
        <TextField
          name="contextLength"
          label={t("form.contextLength")}
          defaultValue={model?.contextLength?.toString() ?? ""}
        />
        <TextField
          name="maxOutputTokens"
          label={t("form.maxOutputTokens")}
          defaultValue={model?.maxOutputTokens?.toString() ?? ""}
        />
      </div>
      <fieldset>
        <legend className="text-xs font-medium text-zinc-700 dark:text-zinc-300">{t("form.capabilities")}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {[...CAPABILITIES, ...extraCapabilities].map((capability) => (
            <CheckboxField
              key={capability}
              name="capabilities"
              value={capability}
              label={capability}
              defaultChecked={model ? model.capabilities.includes(capability) : capability === "streaming"}
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-xs font-medium text-zinc-700 dark:text-zinc-300">{t("form.prices")}</legend>
        <div className="mt-1 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {PRICE_FIELDS.map((name) => (
            <TextField
              key={name}
              name={name}
              label={t(`form.${name}`)}
              defaultValue={microsToUsdText(model?.[`${name}Micros`])}
            />
          ))}
        </div>
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{t("form.pricesHint")}</p>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <TextField
          name="imagePrices"
          multiline
          label={t("form.imagePrices")}
          defaultValue={imagePricesText(model?.imagePrices)}
          hint={t("form.imagePricesHint")}
        />
        <TextField
          name="audioPrice"
          label={t("form.audioPrice")}
          defaultValue={microsToUsdText(model?.audioPriceMicros)}
          hint={t("form.audioPriceHint")}
        />
        <TextField
          name="markup"
          label={t("form.markup")}
          defaultValue={model ? markupText(model.markupBps) : ""}
          placeholder={markupText(defaultMarkupBps)}
          hint={model ? t("form.markupHint") : t("form.markupDefaultHint", { markup: markupText(defaultMarkupBps) })}
        />
        <SelectField
          name="status"
          label={t("form.status")}
          defaultValue={model?.status ?? "soon"}
          options={MODEL_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          hint={t("form.statusHint")}
        />
        <TextField
          name="aliases"
          label={t("form.aliases")}
          defaultValue={model?.aliases.map((alias) => alias.alias).join(", ") ?? ""}
          hint={t("form.aliasesHint")}
        />
      </div>
      <GroupIssue name="capabilities" />
      <SubmitButton pendingLabel={t("saving")}>{model ? t("form.save") : t("form.create")}</SubmitButton>
    </ActionForm>
  );
}

async function ImportSection({ providerId, providers, t }: { providerId: string; providers: Providers; t: T }) {
  const result = providerId ? await testProviderConnection(providerId, null) : null;
  const existing = result?.ok
    ? new Set((await listCatalogModels({ providerId })).map((model) => model.upstreamModel))
    : new Set<string>();
  return (
    <Disclosure summary={t("import.title")} open={providerId !== ""}>
      <FilterForm
        action="/admin/models"
        className="mt-3 flex flex-wrap items-end gap-2"
        submitLabel={t("import.list")}
        fields={[
          {
            id: "import-provider",
            name: "import",
            label: t("import.provider"),
            defaultValue: providerId,
            options: providers.map((provider) => ({ value: provider.id, label: `${provider.name} (${provider.id})` })),
          },
        ]}
      />
      {result && !result.ok && (
        <p role="alert" className="mt-2 break-words text-sm text-red-700 dark:text-red-400">
          {t("import.failed", {
            detail: `${result.status === null ? "" : `HTTP ${result.status}: `}${result.message}`,
          })}
        </p>
      )}
      {result?.ok && (
        <ActionForm action={importModelsAction} id="import" label={t("import.pick")} className="mt-3 space-y-2">
          <input type="hidden" name="providerId" value={providerId} />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {t("import.hint", { count: result.models.length })}
          </p>
          <div className="grid max-h-72 gap-1 overflow-y-auto sm:grid-cols-2 lg:grid-cols-3">
            {result.models.map((upstreamModel) =>
              existing.has(upstreamModel) ? (
                <span key={upstreamModel} className="text-sm text-zinc-500">
                  {upstreamModel} · {t("import.inCatalog")}
                </span>
              ) : (
                <CheckboxField key={upstreamModel} name="upstreamModels" value={upstreamModel} label={upstreamModel} />
              ),
            )}
          </div>
          <GroupIssue name="upstreamModels" />
          <SubmitButton pendingLabel={t("saving")}>{t("import.button")}</SubmitButton>
        </ActionForm>
      )}
    </Disclosure>
  );
}

function priceSummary(model: Awaited<ReturnType<typeof listCatalogModels>>[number], t: T): string {
  if (model.kind === "image") {
    const tiers = Object.keys((model.imagePrices as Record<string, unknown> | null) ?? {}).length;
    return tiers > 0 ? t("table.imageTiers", { count: tiers }) : t("table.noPrice");
  }
  if (model.kind === "speech" || model.kind === "transcription") {
    if (model.audioPriceMicros === null) return t("table.noPrice");
    return t(model.kind === "speech" ? "table.speechPrice" : "table.transcriptionPrice", {
      price: formatUsd(model.audioPriceMicros),
    });
  }
  if (model.inputPriceMicros === null) return t("table.noPrice");
  const input = formatUsd(model.inputPriceMicros);
  return model.outputPriceMicros === null ? input : `${input} / ${formatUsd(model.outputPriceMicros)}`;
}

const statusTone = { live: "good", free: "info", soon: "warn", disabled: "muted" } as const;

async function Models({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const params = await searchParams;
  const filter: ModelFilter = {
    query: searchParam(params.q) || undefined,
    providerId: searchParam(params.provider) || undefined,
    status: (MODEL_STATUSES as readonly string[]).includes(searchParam(params.status))
      ? (searchParam(params.status) as ModelFilter["status"])
      : undefined,
  };
  const editId = searchParam(params.edit);
  const [t, models, providers, editing, settings] = await Promise.all([
    getTranslations("admin-catalog.models"),
    listCatalogModels(filter),
    providerChoices(),
    editId ? catalogModel(editId) : Promise.resolve(null),
    loadedSettings(),
  ]);
  return (
    <div className="space-y-6">
      <AdminPageHeader title={t("title")} description={t("description")} />

      {editing && (
        <section
          aria-labelledby="edit-model-title"
          className="rounded-lg border border-zinc-300 p-4 dark:border-zinc-700"
        >
          <h2 id="edit-model-title" className="text-lg font-semibold">
            {t("form.editTitle", { id: editing.id })}
          </h2>
          <ModelForm model={editing} providers={providers} defaultMarkupBps={settings.defaultMarkupBps} t={t} />
        </section>
      )}

      <Disclosure summary={t("form.createTitle")} open={searchParam(params.new) === "1"}>
        <ModelForm model={null} providers={providers} defaultMarkupBps={settings.defaultMarkupBps} t={t} />
      </Disclosure>

      <ImportSection providerId={searchParam(params.import)} providers={providers} t={t} />

      <FilterForm
        action="/admin/models"
        submitLabel={t("filter.apply")}
        fields={[
          { id: "models-q", name: "q", type: "search", label: t("filter.search"), defaultValue: filter.query ?? "" },
          {
            id: "models-provider",
            name: "provider",
            label: t("filter.provider"),
            defaultValue: filter.providerId ?? "",
            anyLabel: t("filter.all"),
            options: providers.map((provider) => ({ value: provider.id, label: provider.name })),
          },
          {
            id: "models-status",
            name: "status",
            label: t("filter.status"),
            defaultValue: filter.status ?? "",
            anyLabel: t("filter.all"),
            options: MODEL_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) })),
          },
        ]}
      />

      <DataTable
        caption={t("table.caption")}
        minWidth="min-w-[760px]"
        columns={[
          t("table.model"),
          t("table.upstream"),
          t("table.status"),
          t("table.prices"),
          t("table.markup"),
          t("table.routes"),
          { label: t("table.actions"), hideLabel: true },
        ]}
        empty={t("table.empty")}
        rows={models.map((model) => (
          <tr key={model.id} className="align-top" data-model={model.id}>
            <td className="px-3 py-2">
              <p className="font-medium">{model.displayName}</p>
              <p className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{model.id}</p>
              {model.aliases.length > 0 && (
                <p className="text-xs text-zinc-600 dark:text-zinc-400">
                  {t("table.aliases", { aliases: model.aliases.map((alias) => alias.alias).join(", ") })}
                </p>
              )}
            </td>
            <td className="px-3 py-2 font-mono text-xs">
              {model.providerId} · {model.upstreamModel}
              <span className="block font-sans text-zinc-600 dark:text-zinc-400">{t(`kind.${model.kind}`)}</span>
            </td>
            <td className="px-3 py-2">
              <Badge tone={statusTone[model.status]}>{t(`status.${model.status}`)}</Badge>
            </td>
            <td className="px-3 py-2 tabular-nums">{priceSummary(model, t)}</td>
            <td className="px-3 py-2 tabular-nums">{markupText(model.markupBps)}</td>
            <td className="px-3 py-2 tabular-nums">
              <Link className="underline" href={`/admin/routes?q=${encodeURIComponent(model.id)}`}>
                {t("table.routeCount", { count: model._count.deployments })}
              </Link>
            </td>
            <td className="px-3 py-2">
              <Link
                href={`/admin/models?edit=${encodeURIComponent(model.id)}`}
                className="underline"
                aria-label={t("table.editLabel", { id: model.id })}
              >
                {t("table.edit")}
              </Link>
            </td>
          </tr>
        ))}
      />
    </div>
  );
}

export default function ModelsPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <Suspense fallback={null}>
      <Models searchParams={searchParams} />
    </Suspense>
  );
}
