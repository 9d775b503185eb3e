// GET /api/status: health for status pages. No secrets, no key needed.
import { db } from "../../db/client";
import { getCatalog, type CatalogProvider } from "../../catalog/catalog";
import { rateLimiter } from "../../ratelimit/limiter";
import { jsonResponse } from "../pipeline";
import packageJson from "../../../package.json" with { type: "json" };

const startedAt = Date.now();

/** "degraded": some keys were refused by the upstream and are out of service; "down": all of them are. */
export type ProviderStatus = "ok" | "degraded" | "down" | "no_keys" | "disabled";

function providerStatus(provider: CatalogProvider): ProviderStatus {
  if (!provider.enabled) return "disabled";
  if (provider.keysOutOfService > 0) return provider.keys.length > 0 ? "degraded" : "down";
  return provider.keys.length === 0 ? "no_keys" : "ok";
}

export interface GatewayStatus {
  status: "ok" | "degraded";
  version: string;
  uptime_s: number;
  database: "ok" | "down";
  ratelimit: string;
  /** Stored provider keys this instance cannot decrypt: it runs with a different ENCRYPTION_KEY than stored them. */
  provider_keys_unreadable?: number;
  providers: Array<{ id: string; name: string; status: ProviderStatus; keys_out_of_service?: number }>;
}

/** The health report, for /api/status and the public status page alike. */
export async function readGatewayStatus(): Promise<GatewayStatus> {
  let database: "ok" | "down" = "ok";
  try {
    await db().$queryRawUnsafe("SELECT 1");
  } catch {
    database = "down";
  }
  let providers: GatewayStatus["providers"] = [];
  let undecryptableKeys = 0;
  if (database === "ok") {
    const catalog = await getCatalog().catch(() => undefined);
    undecryptableKeys = catalog?.undecryptableKeys ?? 0;
    providers = [...(catalog?.providers.values() ?? [])]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((provider) => ({
        id: provider.id,
        name: provider.name,
        status: providerStatus(provider),
        ...(provider.keysOutOfService > 0 ? { keys_out_of_service: provider.keysOutOfService } : {}),
      }));
  }
  return {
    status: database === "ok" && undecryptableKeys === 0 ? "ok" : "degraded",
    version: packageJson.version,
    uptime_s: Math.round((Date.now() - startedAt) / 1000),
    database,
    ratelimit: rateLimiter().kind,
    ...(undecryptableKeys > 0 ? { provider_keys_unreadable: undecryptableKeys } : {}),
    providers,
  };
}

export async function handleStatus(_request: Request, _requestId: string, headers: Headers): Promise<Response> {
  const report = await readGatewayStatus();
  headers.set("cache-control", "no-store");
  return jsonResponse(report, report.database === "ok" ? 200 : 503, headers);
}
