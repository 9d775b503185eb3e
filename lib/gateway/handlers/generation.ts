// GET /v1/generation/{request_id}: the stored record of one request made with this key.
import { z } from "zod";
import { db } from "../../db/client";
import { generationRecord } from "../../usage/generation-record";
import { GatewayError } from "../errors";
import { jsonResponse, type GatewayContext } from "../pipeline";
import { flushUsage, type UsageSource } from "../metering/usage-writer";

/** Ids are printable ASCII ("req_…"): anything else names no request, and a NUL would make PostgreSQL fail a query. */
const requestIdParam = z
  .string()
  .max(200)
  .regex(/^[\x21-\x7e]+$/);

export async function handleGeneration(context: GatewayContext): Promise<Response> {
  const segments = context.params.id;
  const id = Array.isArray(segments) ? segments.join("/") : segments;
  if (!id)
    throw new GatewayError("missing_field", "Missing the request id: GET /v1/generation/{request_id}", { param: "id" });
  if (!requestIdParam.safeParse(id).success) {
    throw new GatewayError("not_found", `No request ${JSON.stringify(id)} was made with this key`, { param: "id" });
  }
  // This instance's own requests may still be in the write queue.
  await flushUsage();
  const record = await db().requestLog.findFirst({ where: { id, apiKeyId: context.principal.keyId } });
  if (!record)
    throw new GatewayError(
      "not_found",
      `No request ${id} was made with this key (records appear a moment after the response)`,
      { param: "id" },
    );
  // usageSource is a plain string column; the record function takes it as the writer's union.
  return jsonResponse(
    { data: generationRecord({ ...record, usageSource: record.usageSource as UsageSource }) },
    200,
    context.headers,
  );
}
