// GET /v1/models and GET /v1/models/{id}: the models this key may call, in OpenAI's list shape with our extras.
import { catalogFor } from "../../byo/account-catalog";
import { isPriced, servableDeployments, type CatalogModel } from "../../catalog/catalog";
import { microsToUsd } from "../../money";
import { GatewayError } from "../errors";
import { jsonResponse, type GatewayContext } from "../pipeline";
import { resolveModelId } from "../../catalog/catalog";

function perMillion(micros: bigint | null): number | null {
  return micros === null ? null : microsToUsd(micros);
}

export function modelObject(model: CatalogModel) {
  return {
    id: model.id,
    object: "model" as const,
    created: Math.floor(model.createdAt.getTime() / 1000),
    owned_by: model.providerId,
    name: model.displayName,
    type: model.kind,
    status: model.status,
    available: callable(model),
    context_length: model.contextLength,
    max_output_tokens: model.maxOutputTokens,
    capabilities: model.capabilities,
    pricing: {
      currency: "USD",
      unit: "per 1M tokens",
      input: perMillion(model.prices.input),
      cached_input: perMillion(model.prices.cachedInput),
      output: perMillion(model.prices.output),
      images: model.prices.images
        ? Object.fromEntries(Object.entries(model.prices.images).map(([key, value]) => [key, microsToUsd(value)]))
        : null,
      markup_percent: model.prices.markupBps / 100,
      // Customers' own models (byo/…) have no token price of ours, only the operator's fee per request (and per 1M).
      ...(model.prices.perRequest === undefined ? {} : { per_request: microsToUsd(model.prices.perRequest) }),
    },
  };
}

function callable(model: CatalogModel): boolean {
  return (
    (model.status === "live" || model.status === "free") && isPriced(model) && servableDeployments(model).length > 0
  );
}

/** A key sees what it may call; with ?all=true, the whole catalog it is allowed, each with its status. */
function visible(model: CatalogModel, context: GatewayContext, all: boolean): boolean {
  if (model.status === "disabled") return false;
  const allowed = context.principal.allowedModels;
  if (allowed && !allowed.has(model.id)) return false;
  return all || callable(model);
}

export async function handleModels(context: GatewayContext): Promise<Response> {
  const catalog = await catalogFor(context.principal);
  const all = new URL(context.request.url).searchParams.get("all") === "true";
  const segments = context.params.id;
  // Next has decoded each segment already; decoding again would read "%2525" as "%" and throw on "%25ff".
  const requested = Array.isArray(segments) ? segments.join("/") : segments;
  if (requested) {
    const id = resolveModelId(catalog, requested);
    const model = id ? catalog.models.get(id) : undefined;
    // One model is shown by id even when not callable now, so that its status and price can be read.
    if (!model || !visible(model, context, true)) {
      throw new GatewayError(
        "model_not_found",
        `The model '${requested}' does not exist or is not available to this key`,
        { param: "model" },
      );
    }
    return jsonResponse(modelObject(model), 200, context.headers);
  }
  const data = [...catalog.models.values()]
    .filter((model) => visible(model, context, all))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(modelObject);
  return jsonResponse({ object: "list", data }, 200, context.headers);
}
