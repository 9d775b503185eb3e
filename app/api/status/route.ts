// GET /api/status – health for status pages: database, rate limiter, providers; no secrets
import { withoutKey } from "@/lib/gateway/pipeline";
import { handleStatus } from "@/lib/gateway/handlers/status";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const GET = withoutKey(handleStatus);
