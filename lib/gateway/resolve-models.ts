// From the ids a client asked for to catalog models it may call, or the contract's error for the first that fails.
import { isPriced, resolveModelId, servableDeployments, type Catalog, type CatalogModel } from "../catalog/catalog";
import { GatewayError } from "./errors";
import type { GatewayContext } from "./pipeline";

/** A model string comes from the client; the log and its daily roll-up keep at most this many characters of it. */
export const REQUESTED_MODEL_MAX_LENGTH = 200;

/**
 * Notes the model a request body names (`model`, else the first of `models`) before anything can refuse it, so that
 * a refusal is logged under what was asked for. Control characters are dropped (PostgreSQL text holds no NUL).
 */
export function noteRequestedModel(
  context: Pick<GatewayContext, "requestedModel">,
  raw: Record<string, unknown>,
): void {
  const named = typeof raw.model === "string" ? raw.model : Array.isArray(raw.models) ? raw.models[0] : undefined;
  if (typeof named !== "string") return;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const printable = named.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  // By code points, so a cut never splits a surrogate pair.
  if (printable) context.requestedModel = Array.from(printable).slice(0, REQUESTED_MODEL_MAX_LENGTH).join("");
}

/**
 * `servable: false` resolves a model that cannot be called right now (no key configured), for estimates. Once the
 * first model resolves it is the request's `model`, so a refusal after that point is logged under it.
 */
export function resolveModels(
  catalog: Catalog,
  requested: string[],
  context: Pick<GatewayContext, "principal" | "model">,
  kind: CatalogModel["kind"],
  options: { servable?: boolean } = {},
): CatalogModel[] {
  const { principal } = context;
  const models: CatalogModel[] = [];
  for (const [index, requestedId] of requested.entries()) {
    const param = index === 0 ? "model" : "models";
    const id = resolveModelId(catalog, requestedId);
    const model = id ? catalog.models.get(id) : undefined;
    if (!model || model.status === "disabled") {
      const bare = catalog.bareNames.get(requestedId);
      const hint =
        bare && bare.length > 1
          ? ` '${requestedId}' is ambiguous; use one of: ${bare.join(", ")}`
          : " See GET /v1/models for the models this key may call.";
      throw new GatewayError(
        "model_not_found",
        `The model '${requestedId}' does not exist or is not available.${hint}`,
        { param },
      );
    }
    if (principal.allowedModels && !principal.allowedModels.has(model.id)) {
      throw new GatewayError("model_not_allowed", `This API key may not call '${model.id}'`, { param });
    }
    if (model.status === "soon") {
      throw new GatewayError("not_implemented", `'${model.id}' is coming soon and cannot be called yet`, { param });
    }
    if (model.kind !== kind) {
      const endpoint = {
        chat: "/v1/chat/completions",
        embedding: "/v1/embeddings",
        image: "/v1/images/generations",
        speech: "/v1/audio/speech",
        transcription: "/v1/audio/transcriptions",
      }[model.kind];
      const article = /^[aeiou]/.test(model.kind) ? "an" : "a";
      throw new GatewayError(
        "invalid_value",
        `'${model.id}' is ${article} ${model.kind} model; call it with ${endpoint}`,
        { param },
      );
    }
    if (!isPriced(model)) {
      // Never served at $0 by mistake: a model needs a price before it can be called.
      throw new GatewayError("not_implemented", `'${model.id}' has no price yet and cannot be served`, { param });
    }
    if (!models.includes(model)) models.push(model);
  }
  context.model = models[0].id;
  const servable = models.some((model) => servableDeployments(model).length > 0);
  if (!servable && options.servable !== false) throw unservable(catalog, models);
  return models;
}

/**
 * No deployment of the models has a key to call it with. When keys exist but the upstream refused them all, the
 * upstream is the problem (502, and the keys are re-tested); when none was ever configured, this gateway simply does
 * not serve the model (501): nothing a retry could fix.
 */
function unservable(catalog: Catalog, models: CatalogModel[]): GatewayError {
  const providers = [...new Set(models.flatMap((model) => model.deployments.map((deployment) => deployment.provider)))];
  const refused = providers.filter((provider) => provider.enabled && provider.keysOutOfService > 0);
  if (refused.length > 0) {
    const names = refused.map((provider) => provider.name).join(", ");
    return new GatewayError(
      "upstream_error",
      `'${models[0].id}' cannot be called right now: the upstream refused every API key of ${names} on this gateway; ` +
        "they are re-tested and return when they work",
      { param: "model" },
    );
  }
  const names = [
    ...new Set(models.map((model) => catalog.providers.get(model.providerId)?.name ?? model.providerId)),
  ].join(", ");
  return new GatewayError(
    "not_implemented",
    `This gateway has no provider configured for '${models[0].id}' (${names} has no API key here)`,
    { param: "model" },
  );
}
