// What the console's Providers, Models and Routes pages read: one query module, so the pages stay thin.
import "../../server-only";
import { db } from "../../db/client";
import type { ModelStatus } from "../../db/generated/client";
import { sql } from "../../db/pool";
import { providerEnv } from "../../env";
import { PROVIDERS, providerDefinition } from "../../gateway/providers/registry";
import { isEnvironmentKey } from "./provider-keys";
import { type KeyAvailability, routeOrder, type RouteVerdict } from "./route-order";

export interface KeyHealthView {
  availability: KeyAvailability;
  coolingUntil: Date | null;
  circuitOpenUntil: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

export interface ProviderKeyView {
  id: string;
  label: string;
  lastFour: string;
  weight: number;
  enabled: boolean;
  disabledReason: string | null;
  /** Taken out by the gateway after the upstream refused it, and re-tested ("auth" or "credit"). */
  probeKind: string | null;
  nextProbeAt: Date | null;
  lastProbeError: string | null;
  fromEnvironment: boolean;
  health: KeyHealthView;
  requestsLastHour: number;
  errorsLastHour: number;
}

export interface ProviderView {
  id: string;
  name: string;
  kind: string;
  baseUrl: string;
  enabled: boolean;
  builtIn: boolean;
  /** <PREFIX> of the built-in family's environment variables. */
  envPrefix: string | null;
  /** Its keys (or base URL) come from the environment, kept in step at every start. */
  fromEnvironment: boolean;
  baseUrlFromEnvironment: boolean;
  keyless: boolean;
  models: number;
  keys: ProviderKeyView[];
}

interface HealthRow {
  keyId: string;
  modelId: string;
  coolingUntil: Date | null;
  circuitOpenUntil: Date | null;
  lastError: string | null;
  updatedAt: Date;
}

/** One key's health over the rows given (all its models, or one): the worst state now, the latest error. */
export function summariseHealth(rows: HealthRow[], now: Date): KeyHealthView {
  const time = now.getTime();
  const cooling = rows.filter((row) => (row.coolingUntil?.getTime() ?? 0) > time);
  const open = rows.filter((row) => (row.circuitOpenUntil?.getTime() ?? 0) > time);
  const withError = rows.filter((row) => row.lastError).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  const latest = (dates: Array<Date | null>) =>
    dates.reduce<Date | null>((max, date) => (date && (!max || date > max) ? date : max), null);
  return {
    availability: open.length > 0 ? "open" : cooling.length > 0 ? "cooling" : "ready",
    coolingUntil: latest(cooling.map((row) => row.coolingUntil)),
    circuitOpenUntil: latest(open.map((row) => row.circuitOpenUntil)),
    lastError: withError[0]?.lastError ?? null,
    lastErrorAt: withError[0]?.updatedAt ?? null,
  };
}

async function healthRows(): Promise<HealthRow[]> {
  return db().providerKeyHealth.findMany({
    select: {
      keyId: true,
      modelId: true,
      coolingUntil: true,
      circuitOpenUntil: true,
      lastError: true,
      updatedAt: true,
    },
  });
}

/** Attempts per key in the last hour, from the request log (every attempt of every request names its key). */
async function attemptsLastHour(): Promise<Map<string, { requests: number; errors: number }>> {
  const rows = await sql<{ key_id: string; requests: number; errors: number }>(
    `SELECT attempt->>'keyId' AS key_id,
            count(*)::int AS requests,
            count(*) FILTER (WHERE attempt->>'status' IS NULL OR (attempt->>'status')::int >= 400)::int AS errors
     FROM request_logs
     CROSS JOIN LATERAL jsonb_array_elements(attempts) AS attempt
     WHERE created_at > (now() AT TIME ZONE 'UTC') - interval '1 hour' AND attempt->>'keyId' IS NOT NULL
     GROUP BY 1`,
  );
  return new Map(rows.map((row) => [row.key_id, { requests: row.requests, errors: row.errors }]));
}

export async function providersOverview(now = new Date()): Promise<ProviderView[]> {
  const [providers, health, attempts, modelCounts] = await Promise.all([
    db().provider.findMany({ include: { keys: { orderBy: { createdAt: "asc" } } } }),
    healthRows(),
    attemptsLastHour(),
    db().model.groupBy({ by: ["providerId"], _count: { _all: true } }),
  ]);
  const counts = new Map(modelCounts.map((row) => [row.providerId, row._count._all]));
  const builtInOrder = new Map(PROVIDERS.map((definition, index) => [definition.id, index]));
  return providers
    .map((provider): ProviderView => {
      const definition = providerDefinition(provider.id);
      const config = definition ? providerEnv(definition.envPrefix) : null;
      return {
        id: provider.id,
        name: provider.name,
        kind: provider.kind,
        baseUrl: provider.baseUrl,
        enabled: provider.enabled,
        builtIn: definition !== undefined,
        envPrefix: definition?.envPrefix ?? null,
        fromEnvironment: (config?.apiKeys.length ?? 0) > 0 || (definition?.keyless === true && !!config?.baseUrl),
        baseUrlFromEnvironment: !!config?.baseUrl,
        keyless: definition?.keyless === true,
        models: counts.get(provider.id) ?? 0,
        keys: provider.keys.map((key) => ({
          id: key.id,
          label: key.label,
          lastFour: key.lastFour,
          weight: key.weight,
          enabled: key.enabled,
          disabledReason: key.disabledReason,
          probeKind: key.probeKind,
          nextProbeAt: key.nextProbeAt,
          lastProbeError: key.lastProbeError,
          fromEnvironment: isEnvironmentKey(key),
          health: summariseHealth(
            health.filter((row) => row.keyId === key.id),
            now,
          ),
          requestsLastHour: attempts.get(key.id)?.requests ?? 0,
          errorsLastHour: attempts.get(key.id)?.errors ?? 0,
        })),
      };
    })
    .sort(
      (a, b) =>
        (builtInOrder.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (builtInOrder.get(b.id) ?? Number.MAX_SAFE_INTEGER) ||
        a.id.localeCompare(b.id),
    );
}

export interface ModelFilter {
  query?: string;
  providerId?: string;
  status?: ModelStatus;
}

export async function listCatalogModels(filter: ModelFilter = {}) {
  const query = filter.query?.trim();
  return db().model.findMany({
    where: {
      ...(filter.providerId ? { providerId: filter.providerId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(query
        ? {
            OR: [
              { id: { contains: query, mode: "insensitive" } },
              { displayName: { contains: query, mode: "insensitive" } },
              { aliases: { some: { alias: { contains: query, mode: "insensitive" } } } },
            ],
          }
        : {}),
    },
    include: { aliases: { orderBy: { alias: "asc" } }, _count: { select: { deployments: true } } },
    orderBy: { id: "asc" },
  });
}

export type CatalogModelRow = Awaited<ReturnType<typeof listCatalogModels>>[number];

export async function catalogModel(id: string) {
  return db().model.findUnique({ where: { id }, include: { aliases: { orderBy: { alias: "asc" } } } });
}

export async function providerChoices() {
  return db().provider.findMany({ select: { id: true, name: true, enabled: true }, orderBy: { id: "asc" } });
}

export interface RouteDeploymentView {
  id: string;
  providerId: string;
  providerName: string;
  providerEnabled: boolean;
  upstreamModel: string;
  priority: number;
  weight: number;
  enabled: boolean;
  keys: Array<{ id: string; label: string; lastFour: string; enabled: boolean; health: KeyHealthView }>;
  verdict: RouteVerdict;
}

export interface ModelRoutesView {
  id: string;
  displayName: string;
  status: ModelStatus;
  /** In the order the data plane tries them. */
  deployments: RouteDeploymentView[];
}

export async function routesOverview(filter: ModelFilter = {}, now = new Date()): Promise<ModelRoutesView[]> {
  const models = await listCatalogModels(filter);
  const ids = models.map((model) => model.id);
  const [deployments, health] = await Promise.all([
    db().deployment.findMany({
      where: { modelId: { in: ids } },
      include: {
        provider: { include: { keys: { orderBy: { createdAt: "asc" } } } },
      },
      orderBy: [{ priority: "asc" }, { createdAt: "asc" }],
    }),
    healthRows(),
  ]);
  return models.map((model) => {
    const views = deployments
      .filter((deployment) => deployment.modelId === model.id)
      .map((deployment) => ({
        id: deployment.id,
        providerId: deployment.providerId,
        providerName: deployment.provider.name,
        providerEnabled: deployment.provider.enabled,
        upstreamModel: deployment.upstreamModel,
        priority: deployment.priority,
        weight: deployment.weight,
        enabled: deployment.enabled,
        keys: deployment.provider.keys.map((key) => ({
          id: key.id,
          label: key.label,
          lastFour: key.lastFour,
          enabled: key.enabled,
          health: summariseHealth(
            health.filter((row) => row.keyId === key.id && row.modelId === model.id),
            now,
          ),
        })),
      }));
    const verdicts = routeOrder(
      views.map((view) => ({
        id: view.id,
        priority: view.priority,
        weight: view.weight,
        enabled: view.enabled,
        providerEnabled: view.providerEnabled,
        keys: view.keys.map((key) => ({ enabled: key.enabled, availability: key.health.availability })),
      })),
    );
    const byId = new Map(views.map((view) => [view.id, view]));
    return {
      id: model.id,
      displayName: model.displayName,
      status: model.status,
      deployments: verdicts.flatMap((verdict) => {
        const view = byId.get(verdict.id);
        return view ? [{ ...view, verdict }] : [];
      }),
    };
  });
}
