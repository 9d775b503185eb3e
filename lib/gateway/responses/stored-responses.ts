// Responses kept for the key that asked (`store`, the API's default): written after the answer is on its way, read
// by GET/DELETE /v1/responses/{id} and `previous_response_id`, always scoped to the key — another key's id is as
// unknown as an id never issued.
import { createHash } from "node:crypto";
import type { Prisma } from "../../db/generated/client";
import { db } from "../../db/client";
import { log } from "../../log";
import { GatewayError } from "../errors";
import type { InputItem } from "./responses-schema";
import type { ResponseObject } from "./response-object";

export interface StoredResponse {
  /** The whole conversation's input, earlier responses expanded. */
  input: InputItem[];
  response: ResponseObject;
}

/**
 * Writes still under way on this instance, by response id: a client that sends previous_response_id (or GET) the
 * moment its stream ended must find what it was just sent.
 */
const pendingWrites = new Map<string, Promise<void>>();

export function storeResponse(keyId: string, stored: StoredResponse): Promise<void> {
  const id = stored.response.id;
  const write = db()
    .storedResponse.create({
      data: {
        id,
        apiKeyId: keyId,
        input: stored.input as unknown as Prisma.InputJsonValue,
        response: stored.response as unknown as Prisma.InputJsonValue,
      },
    })
    .then(
      () => undefined,
      (error: unknown) => log.error("storing a response failed", { responseId: id, error }),
    )
    .finally(() => pendingWrites.delete(id));
  pendingWrites.set(id, write);
  return write;
}

/** Ids are printable ASCII (`resp_…`): anything else names no response, and a NUL would fail the query. */
const ID_PATTERN = /^[\x21-\x7e]{1,200}$/;

function notFound(id: string, param: string): GatewayError {
  return new GatewayError("not_found", `No response with id '${id.slice(0, 200)}' is stored for this key`, { param });
}

export async function findStoredResponse(keyId: string, id: string, param = "id"): Promise<StoredResponse> {
  if (!ID_PATTERN.test(id)) throw notFound(id, param);
  await pendingWrites.get(id);
  const row = await db().storedResponse.findFirst({ where: { id, apiKeyId: keyId } });
  if (!row) throw notFound(id, param);
  return { input: row.input as unknown as InputItem[], response: row.response as unknown as ResponseObject };
}

export async function deleteStoredResponse(keyId: string, id: string): Promise<void> {
  if (!ID_PATTERN.test(id)) throw notFound(id, "id");
  await pendingWrites.get(id);
  const { count } = await db().storedResponse.deleteMany({ where: { id, apiKeyId: keyId } });
  if (count === 0) throw notFound(id, "id");
}

/** A stored response as the input that continues it: its input, then its output. */
export function conversationOf(stored: StoredResponse): InputItem[] {
  return [...stored.input, ...(stored.response.output as InputItem[])];
}

/**
 * GET /v1/responses/{id}/input_items: the conversation a response answered, newest first by default, a page at a time
 * (`limit` 1–100, default 20; `order` asc or desc; `after` an item id). Items sent without an id get one derived from
 * the response and their place, so that pages stay stable.
 */
export function listInputItems(responseId: string, input: InputItem[], query: URLSearchParams) {
  const limitText = query.get("limit");
  const limit = limitText === null ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new GatewayError("invalid_value", "Invalid 'limit': must be an integer between 1 and 100", {
      param: "limit",
    });
  const items = input.map((item, index) => {
    const record = item as Record<string, unknown>;
    if (typeof record.id === "string") return record;
    const prefix = (item.type ?? "message") === "message" ? "msg" : "item";
    const digest = createHash("sha256").update(`${responseId}:${index}`).digest("hex").slice(0, 48);
    return { id: `${prefix}_${digest}`, ...record };
  });
  if (query.get("order") !== "asc") items.reverse();
  const after = query.get("after");
  const start = after ? items.findIndex((item) => item.id === after) + 1 : 0;
  if (after && start === 0)
    throw new GatewayError("invalid_value", `Invalid 'after': no input item '${after.slice(0, 100)}'`, {
      param: "after",
    });
  const page = items.slice(start, start + limit);
  return {
    object: "list",
    data: page,
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
    has_more: start + limit < items.length,
  };
}
