// GET /admin/routes – each model's deployments in the order the gateway tries them, which one serves the next request
// and why each other one does not (disabled, no keys, keys cooling down or with an open circuit).
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import {
  ActionForm,
  ButtonForm,
  CheckboxField,
  SelectField,
  SubmitButton,
  TextField,
} from "@/components/admin/action-form";
import { Badge, Disclosure, formatTime } from "@/components/admin/catalog-bits";
import { DataTable } from "@/components/admin/data-table";
import { FilterForm } from "@/components/admin/filter-form";
import { AdminPageHeader } from "@/components/admin/page-header";
import {
  type ModelRoutesView,
  providerChoices,
  type RouteDeploymentView,
  routesOverview,
} from "@/lib/admin/catalog/views";
import { requireAdmin } from "@/lib/admin/guard";
import { adminMetadata } from "../admin-metadata";
import { type SearchParams, searchParam } from "../search-params";
import { addRouteAction, removeRouteAction, setRouteEnabledAction, updateRouteAction } from "./actions";

export const generateMetadata = adminMetadata("admin-catalog.routes");

type T = Awaited<ReturnType<typeof getTranslations<"admin-catalog.routes">>>;
type Providers = Awaited<ReturnType<typeof providerChoices>>;

const verdictTone = {
  next: "good",
  failover: "info",
  cooling: "warn",
  circuit_open: "bad",
  no_keys: "bad",
  provider_disabled: "muted",
  disabled: "muted",
} as const;

function Verdict({ deployment, t }: { deployment: RouteDeploymentView; t: T }) {
  const { verdict } = deployment;
  const enabledKeys = deployment.keys.filter((key) => key.enabled);
  const until = (kind: "cooling" | "open") => {
    const times = enabledKeys
      .map((key) => (kind === "cooling" ? key.health.coolingUntil : key.health.circuitOpenUntil))
      .filter((time): time is Date => time !== null)
      .sort((a, b) => a.getTime() - b.getTime());
    return formatTime(times[0] ?? null);
  };
  const label =
    verdict.state === "next"
      ? verdict.sharePercent === 100
        ? t("verdict.next")
        : t("verdict.share", { percent: verdict.sharePercent ?? 0 })
      : verdict.state === "cooling"
        ? t("verdict.cooling", { time: until("cooling") })
        : verdict.state === "circuit_open"
          ? t("verdict.circuit_open", { time: until("open") })
          : t(`verdict.${verdict.state}`);
  const lastError = enabledKeys.map((key) => key.health).find((health) => health.lastError);
  return (
    <div className="space-y-1">
      <Badge tone={verdictTone[verdict.state]}>{label}</Badge>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {t("keysReady", {
          ready: enabledKeys.filter((key) => key.health.availability === "ready").length,
          total: enabledKeys.length,
        })}
      </p>
      {lastError?.lastError && (
        <p className="break-words text-xs text-zinc-600 dark:text-zinc-400">
          {t("lastError", { error: lastError.lastError, time: formatTime(lastError.lastErrorAt) })}
        </p>
      )}
    </div>
  );
}

function DeploymentRow({ deployment, order, t }: { deployment: RouteDeploymentView; order: number; t: T }) {
  const id = `route-${deployment.id}`;
  return (
    <tr className="align-top" data-deployment={deployment.id}>
      <td className="py-2 pr-3 tabular-nums">{order}</td>
      <td className="py-2 pr-3">
        <p className="font-medium">{deployment.providerName}</p>
        <p className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{deployment.upstreamModel}</p>
      </td>
      <td className="py-2 pr-3 tabular-nums">{deployment.priority}</td>
      <td className="py-2 pr-3 tabular-nums">{deployment.weight}</td>
      <td className="py-2 pr-3">
        <Verdict deployment={deployment} t={t} />
      </td>
      <td className="py-2">
        <div className="flex flex-col gap-2">
          <ButtonForm
            action={setRouteEnabledAction}
            id={`${id}-toggle`}
            label={t("toggleLabel", { provider: deployment.providerName })}
            fields={{ deploymentId: deployment.id, enabled: deployment.enabled ? "false" : "true" }}
            pendingLabel={t("saving")}
          >
            {deployment.enabled ? t("disable") : t("enable")}
          </ButtonForm>
          <Disclosure summary={t("edit")}>
            <ActionForm
              action={updateRouteAction}
              id={`${id}-edit`}
              label={t("editLabel", { provider: deployment.providerName })}
              className="mt-2 space-y-2"
            >
              <input type="hidden" name="deploymentId" value={deployment.id} />
              <TextField name="upstreamModel" label={t("upstreamModel")} defaultValue={deployment.upstreamModel} />
              <TextField name="priority" label={t("priority")} defaultValue={String(deployment.priority)} />
              <TextField name="weight" label={t("weight")} defaultValue={String(deployment.weight)} />
              <CheckboxField name="enabled" label={t("enabled")} defaultChecked={deployment.enabled} />
              <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
            </ActionForm>
          </Disclosure>
          <ButtonForm
            action={removeRouteAction}
            id={`${id}-remove`}
            label={t("removeLabel", { provider: deployment.providerName })}
            fields={{ deploymentId: deployment.id }}
            variant="danger"
            pendingLabel={t("saving")}
          >
            {t("remove")}
          </ButtonForm>
        </div>
      </td>
    </tr>
  );
}

function ModelRoutes({ model, providers, t }: { model: ModelRoutesView; providers: Providers; t: T }) {
  const id = `routes-${model.id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      data-model={model.id}
    >
      <h2 id={`${id}-title`} className="font-semibold">
        {model.displayName}{" "}
        <span className="font-mono text-sm font-normal text-zinc-600 dark:text-zinc-400">{model.id}</span>
      </h2>
      <DataTable
        look="inset"
        className="mt-2"
        caption={t("caption", { id: model.id })}
        minWidth="min-w-[680px]"
        columns={[t("order"), t("deployment"), t("priority"), t("weight"), t("serving"), t("actions")]}
        empty={t("none")}
        rows={model.deployments.map((deployment, index) => (
          <DeploymentRow key={deployment.id} deployment={deployment} order={index + 1} t={t} />
        ))}
      />
      <Disclosure summary={t("add")} className="mt-3">
        <ActionForm
          action={addRouteAction}
          id={`${id}-add`}
          label={t("addLabel", { id: model.id })}
          className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-5"
        >
          <input type="hidden" name="modelId" value={model.id} />
          <SelectField
            name="providerId"
            label={t("provider")}
            options={providers.map((provider) => ({ value: provider.id, label: `${provider.name} (${provider.id})` }))}
          />
          <TextField name="upstreamModel" label={t("upstreamModel")} />
          <TextField name="priority" label={t("priority")} defaultValue="0" hint={t("priorityHint")} />
          <TextField name="weight" label={t("weight")} defaultValue="1" hint={t("weightHint")} />
          <div className="self-end">
            <SubmitButton pendingLabel={t("saving")}>{t("addButton")}</SubmitButton>
          </div>
        </ActionForm>
      </Disclosure>
    </section>
  );
}

async function Routes({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const params = await searchParams;
  const query = searchParam(params.q);
  const [t, models, providers] = await Promise.all([
    getTranslations("admin-catalog.routes"),
    routesOverview({ query: query || undefined }),
    providerChoices(),
  ]);
  return (
    <div className="space-y-6">
      <AdminPageHeader title={t("title")} description={t("description")}>
        <p className="mt-2 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{t("failover")}</p>
      </AdminPageHeader>
      <FilterForm
        action="/admin/routes"
        submitLabel={t("apply")}
        fields={[{ id: "routes-q", name: "q", type: "search", label: t("search"), defaultValue: query }]}
      />
      {models.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("empty")}</p>}
      {models.map((model) => (
        <ModelRoutes key={model.id} model={model} providers={providers} t={t} />
      ))}
    </div>
  );
}

export default function RoutesPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <Suspense fallback={null}>
      <Routes searchParams={searchParams} />
    </Suspense>
  );
}
