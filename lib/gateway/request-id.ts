// Request ids ("req_" + 32 hex digits): on every answer as x-request-id, and the key of the request log.
// Dependency-free, so the node:http server in front of Next (scripts/server.ts) makes the same ids.
import { randomUUID } from "node:crypto";

export function newRequestId(): string {
  // randomUUID draws from a cached entropy pool: measurably cheaper per request than randomBytes.
  return `req_${randomUUID().replace(/-/g, "")}`;
}
