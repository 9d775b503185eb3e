// POST /v1/estimate: the most a call could cost, before making it — exactly what the gateway would reserve.
import { catalogFor } from "../../byo/account-catalog";
import { z } from "zod";
import { resolveModelId } from "../../catalog/catalog";
import { microsToUsd } from "../../money";
import { GatewayError } from "../errors";
import { jsonResponse, readBodyText, type GatewayContext } from "../pipeline";
import { parseJsonBody, validate } from "../schemas/validate";
import { resolveModels } from "../resolve-models";
import { imageCost, imageTier } from "../metering/image-price";
import { billedSeconds, speechCharacters, speechCost, transcriptionCost } from "../metering/audio-price";
import { chatWorstCase, embeddingsWorstCase } from "../metering/worst-case";
import { chatRequestSchema, FIELD_RULES } from "../schemas/chat";

const estimateSchema = z.looseObject({
  model: z.string().min(1),
  messages: chatRequestSchema.shape.messages.optional(),
  input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  prompt: z.string().min(1).optional(),
  max_tokens: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
  n: z.number().int().min(1).max(128).optional(),
  size: z.string().optional(),
  quality: z.string().optional(),
  seconds: z.number().positive().max(86_400).optional(),
});

const RULES: Record<string, string> = {
  ...FIELD_RULES,
  input: "a non-empty string or array of strings (embedding models), the text to speak (speech models)",
  seconds: "the audio's length in seconds, a positive number (transcription models)",
  prompt: "a non-empty string (image models)",
  size: "WIDTHxHEIGHT such as 1024x1024",
  quality: "a quality the model offers",
};

const perMillion = (micros: bigint | null) => (micros === null ? null : microsToUsd(micros));

export async function handleEstimate(context: GatewayContext): Promise<Response> {
  const { text } = await readBodyText(context.request);
  const body = validate(estimateSchema, parseJsonBody(text), ["model"], RULES);
  const catalog = await catalogFor(context.principal);
  const id = resolveModelId(catalog, body.model);
  const kind = (id && catalog.models.get(id)?.kind) || "chat";
  const [model] = resolveModels(catalog, [body.model], context, kind, { servable: false });
  const markupPercent = model.prices.markupBps / 100;
  const requireField = (field: "messages" | "input" | "prompt" | "seconds"): never => {
    throw new GatewayError(
      "missing_field",
      `Missing required parameter for a ${model.kind} model: '${field}' (${RULES[field]})`,
      { param: field },
    );
  };

  let micros: bigint;
  let breakdown: Record<string, unknown>;
  if (model.kind === "chat") {
    if (!body.messages) requireField("messages");
    const worst = chatWorstCase(
      model,
      Buffer.byteLength(JSON.stringify(body.messages)),
      body.max_completion_tokens ?? body.max_tokens,
      body.n,
    );
    micros = worst.micros;
    breakdown = {
      prompt_tokens_max: worst.promptTokens,
      completion_tokens_max: worst.completionTokens,
      input_usd_per_million: perMillion(model.prices.input),
      output_usd_per_million: perMillion(model.prices.output),
      markup_percent: markupPercent,
    };
  } else if (model.kind === "embedding") {
    const input = body.input ?? requireField("input");
    const worst = embeddingsWorstCase(model, typeof input === "string" ? [input] : input);
    micros = worst.micros;
    breakdown = {
      prompt_tokens_max: worst.promptTokens,
      input_usd_per_million: perMillion(model.prices.input),
      markup_percent: markupPercent,
    };
  } else if (model.kind === "speech") {
    const input = body.input ?? requireField("input");
    const characters = speechCharacters(typeof input === "string" ? input : input.join(""));
    micros = speechCost(model, characters);
    breakdown = {
      characters,
      usd_per_million_characters: perMillion(model.prices.audio ?? null),
      markup_percent: markupPercent,
    };
  } else if (model.kind === "transcription") {
    const seconds = body.seconds ?? requireField("seconds");
    micros = transcriptionCost(model, seconds);
    breakdown = {
      seconds: billedSeconds(seconds),
      usd_per_minute: perMillion(model.prices.audio ?? null),
      markup_percent: markupPercent,
    };
  } else {
    if (!body.prompt) requireField("prompt");
    const tier = imageTier(model, body.quality, body.size);
    const count = body.n ?? 1;
    micros = imageCost(tier, count, model.prices.markupBps);
    breakdown = {
      images: count,
      quality: tier.quality,
      size: tier.size,
      usd_per_image: microsToUsd(tier.priceMicros),
      markup_percent: markupPercent,
    };
  }
  return jsonResponse({ model: model.id, estimated_cost_usd: microsToUsd(micros), breakdown }, 200, context.headers);
}
