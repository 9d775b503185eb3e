// POST /v1/images/generations: prompt, n, size, quality, response_format; charged per image by quality and size.
import { catalogFor } from "../../byo/account-catalog";
import { env } from "../../env";
import { microsToUsd } from "../../money";
import { GatewayError } from "../errors";
import { jsonResponse, readBodyText, type GatewayContext } from "../pipeline";
import { DEFAULT_IMAGE_MODEL, imagesRequestSchema, imageUsageSchema, IMAGES_FIELD_RULES } from "../schemas/images";
import { parseJsonBody, validate } from "../schemas/validate";
import { noteRequestedModel, resolveModels } from "../resolve-models";
import { type Candidate, orderCandidates } from "../routing/candidates";
import { dispatch } from "../routing/dispatch";
import { attemptJson } from "../routing/upstream-attempt";
import { imageCost, imageTier } from "../metering/image-price";
import { beginPaidRequest } from "./paid-request";

export async function handleImages(context: GatewayContext): Promise<Response> {
  const { text } = await readBodyText(context.request);
  const raw = parseJsonBody(text);
  noteRequestedModel(context, raw);
  const body = validate(imagesRequestSchema, raw, ["prompt"], IMAGES_FIELD_RULES);
  const [model] = resolveModels(
    await catalogFor(context.principal),
    [body.model ?? DEFAULT_IMAGE_MODEL],
    context,
    "image",
  );
  const count = body.n ?? 1;
  const tier = imageTier(model, body.quality, body.size);
  const cost = imageCost(tier, count, model.prices.markupBps);

  const paid = await beginPaidRequest(context, {
    endpoint: "images.generations",
    stream: false,
    requestedModel: model.id,
    reserveMicros: cost,
    // Images are priced per picture, not per token: they count against requests, not tokens per minute.
    reserveTokens: 0,
    prompt: body.prompt,
  });
  try {
    // The tier that was priced is the tier that is asked for.
    const upstreamBody = { ...body, n: count, quality: tier.quality, size: tier.size };
    delete upstreamBody.model;
    const result = await dispatch(orderCandidates([model]), env().MAX_ATTEMPTS, paid.signal, (candidate) =>
      attemptJson(
        candidate,
        paid.signal,
        env().UPSTREAM_TIMEOUT_MS,
        (adapter, target) => {
          if (!adapter.buildImagesRequest) notServed(candidate);
          return adapter.buildImagesRequest({ ...target, body: upstreamBody });
        },
        (adapter, json) => {
          if (!adapter.parseImagesResponse) notServed(candidate);
          return adapter.parseImagesResponse(json);
        },
      ),
    );
    if (!result.ok) return paid.fail(result.error, result.attempts);
    // Charged for the images delivered, which is n unless the upstream made fewer.
    const delivered = Math.min(result.value.data.length, count);
    const charged = paid.meter.finish({
      status: 200,
      model,
      providerId: result.candidate.deployment.provider.id,
      upstreamModel: result.candidate.deployment.upstreamModel,
      costMicros: imageCost(tier, delivered, model.prices.markupBps),
      attempts: result.attempts,
    });
    paid.served(result.candidate, result.attempts.length, charged);
    paid.detach();
    // OpenAI's schema requires token counts in an image response's usage, which only token-counting upstreams give.
    // Without them there is no usage object (strict clients reject a partial one); the cost is in
    // x-switchyard-cost-usd either way.
    const { usage: upstreamUsage, ...answer } = result.value;
    const tokens = imageUsageSchema.safeParse(upstreamUsage);
    const cost = microsToUsd(charged);
    const responseBody = tokens.success ? { ...answer, usage: { ...tokens.data, images: delivered, cost } } : answer;
    return jsonResponse(responseBody, 200, context.headers);
  } catch (error) {
    return paid.fail(error);
  }
}

/** 501 for a deployment whose adapter has no image wire format (checked when building and when parsing). */
function notServed(candidate: Candidate): never {
  throw new GatewayError("not_implemented", `${candidate.deployment.provider.name} serves no image generation`);
}
