// GET /api/status: health for status pages. No secrets, no key needed.
import { db } from "../../db/client";
import { getCatalog } from "../../catalog/catalog";
import { rateLimiter } from "../../ratelimit/limiter";
import { jsonResponse } from "../pipeline";
import packageJson from "../../../package.json" with { type: "json" };

const startedAt = Date.now();

export async function handleStatus(_request: Request, _requestId: string, headers: Headers): Promise<Response> {
  let database: "ok" | "down" = "ok";
  try {
    await db().$queryRawUnsafe("SELECT 1");
  } catch {
    database = "down";
  }
  let providers: Array<{ id: string; name: string; status: "ok" | "no_keys" | "disabled" }> = [];
  if (database === "ok") {
    const catalog = await getCatalog().catch(() => undefined);
    providers = [...(catalog?.providers.values() ?? [])]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((provider) => ({ id: provider.id, name: provider.name, status: !provider.enabled ? "disabled" : provider.keys.length === 0 ? "no_keys" : "ok" }));
  }
  headers.set("cache-control", "no-store");
  return jsonResponse(
    {
      status: database === "ok" ? "ok" : "degraded",
      version: packageJson.version,
      uptime_s: Math.round((Date.now() - startedAt) / 1000),
      database,
      ratelimit: rateLimiter().kind,
      providers,
    },
    database === "ok" ? 200 : 503,
    headers,
  );
}
