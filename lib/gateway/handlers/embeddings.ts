// POST /v1/embeddings: string or array input; float or base64 vectors; charged per input token.
import { catalogFor } from "../../byo/account-catalog";
import { env } from "../../env";
import { GatewayError } from "../errors";
import { jsonResponse, readBodyText, type GatewayContext } from "../pipeline";
import { embeddingsRequestSchema, EMBEDDINGS_FIELD_RULES } from "../schemas/embeddings";
import { parseJsonBody, validate } from "../schemas/validate";
import { noteRequestedModel, resolveModels } from "../resolve-models";
import { type Candidate, orderCandidates } from "../routing/candidates";
import { dispatch } from "../routing/dispatch";
import { attemptJson } from "../routing/upstream-attempt";
import { embeddingsWorstCase } from "../metering/worst-case";
import { microsToUsd } from "../../money";
import { beginPaidRequest } from "./paid-request";

/** OpenAI's base64 encoding: the vector's float32 values, little-endian, as base64. */
export function toBase64Floats(vector: number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  for (const [index, value] of vector.entries()) buffer.writeFloatLE(value, index * 4);
  return buffer.toString("base64");
}

export async function handleEmbeddings(context: GatewayContext): Promise<Response> {
  const { text } = await readBodyText(context.request);
  const raw = parseJsonBody(text);
  noteRequestedModel(context, raw);
  const body = validate(embeddingsRequestSchema, raw, ["model", "input"], EMBEDDINGS_FIELD_RULES);
  const [model] = resolveModels(await catalogFor(context.principal), [body.model], context, "embedding");
  const inputs = typeof body.input === "string" ? [body.input] : body.input;

  const zero = { completionTokens: 0, cachedTokens: 0, reasoningTokens: 0 };
  const worst = embeddingsWorstCase(model, inputs);
  const paid = await beginPaidRequest(context, {
    endpoint: "embeddings",
    stream: false,
    requestedModel: model.id,
    reserveMicros: worst.micros,
    reserveTokens: worst.promptTokens,
    prompt: inputs,
  });
  try {
    const upstreamBody = { ...body, input: inputs };
    const result = await dispatch(orderCandidates([model]), env().MAX_ATTEMPTS, paid.signal, (candidate) =>
      attemptJson(
        candidate,
        paid.signal,
        env().UPSTREAM_TIMEOUT_MS,
        (adapter, target) => {
          if (!adapter.buildEmbeddingsRequest) notServed(candidate);
          return adapter.buildEmbeddingsRequest({ ...target, body: upstreamBody });
        },
        (adapter, json) => {
          if (!adapter.parseEmbeddingsResponse) notServed(candidate);
          return adapter.parseEmbeddingsResponse(json, {
            baseUrl: "",
            apiKey: null,
            upstreamModel: candidate.deployment.upstreamModel,
            body: upstreamBody,
          });
        },
      ),
    );
    if (!result.ok) return paid.fail(result.error, result.attempts);
    const { embeddings, promptTokens } = result.value;
    if (embeddings.length !== inputs.length)
      throw new GatewayError(
        "upstream_error",
        `The upstream returned ${embeddings.length} embeddings for ${inputs.length} inputs`,
      );
    const cost = paid.meter.finish({
      status: 200,
      model,
      providerId: result.candidate.deployment.provider.id,
      upstreamModel: result.candidate.deployment.upstreamModel,
      usage: { promptTokens, ...zero },
      attempts: result.attempts,
    });
    paid.served(result.candidate, result.attempts.length, cost);
    paid.detach();
    const base64 = body.encoding_format === "base64";
    return jsonResponse(
      {
        object: "list",
        data: embeddings.map((vector, index) => ({
          object: "embedding",
          index,
          embedding: base64 ? toBase64Floats(vector) : vector,
        })),
        model: model.id,
        usage: { prompt_tokens: promptTokens, total_tokens: promptTokens, cost: microsToUsd(cost) },
      },
      200,
      context.headers,
    );
  } catch (error) {
    return paid.fail(error);
  }
}

/** 501 for a deployment whose adapter has no embeddings wire format (checked when building and when parsing). */
function notServed(candidate: Candidate): never {
  throw new GatewayError("not_implemented", `${candidate.deployment.provider.name} serves no embeddings`);
}
