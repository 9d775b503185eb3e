// POST /v1/audio/speech: text to speech, the upstream's audio bytes relayed as they come; charged per input character.
// The price is known before the call and is the charge once the upstream has started answering: from then on the
// upstream bills the whole input, so a stream that breaks or a client that hangs up mid-way is charged the same.
// Nothing is charged when no byte was served (every attempt failed before its first one).
import { catalogFor } from "../../byo/account-catalog";
import { env } from "../../env";
import { log } from "../../log";
import { GatewayError } from "../errors";
import { readBodyText, type GatewayContext } from "../pipeline";
import { noteRequestedModel, resolveModels } from "../resolve-models";
import { type Candidate, orderCandidates } from "../routing/candidates";
import { dispatch } from "../routing/dispatch";
import { attemptByteStream, type OpenedByteStream } from "../routing/upstream-attempt";
import { SPEECH_FIELD_RULES, speechRequestSchema } from "../schemas/audio";
import { parseJsonBody, validate } from "../schemas/validate";
import { speechCharacters, speechCost } from "../metering/audio-price";
import type { Meter, MeterOutcome } from "../metering/meter";
import type { AttemptRecord } from "../metering/usage-writer";
import { beginPaidRequest } from "./paid-request";

export async function handleSpeech(context: GatewayContext): Promise<Response> {
  const { text } = await readBodyText(context.request);
  const raw = parseJsonBody(text);
  noteRequestedModel(context, raw);
  const body = validate(speechRequestSchema, raw, ["model", "input", "voice"], SPEECH_FIELD_RULES);
  const [model] = resolveModels(await catalogFor(context.principal), [body.model], context, "speech");
  const cost = speechCost(model, speechCharacters(body.input));

  const paid = await beginPaidRequest(context, {
    endpoint: "audio.speech",
    stream: true,
    requestedModel: model.id,
    reserveMicros: cost,
    // Priced per character, not per token: it counts against requests, not tokens per minute.
    reserveTokens: 0,
    prompt: body.input,
  });
  try {
    const { model: _model, ...upstreamBody } = body;
    const result = await dispatch(orderCandidates([model]), env().MAX_ATTEMPTS, paid.signal, (candidate) =>
      attemptByteStream(candidate, paid.signal, (adapter, target) => {
        if (!adapter.buildSpeechRequest) notServed(candidate);
        return adapter.buildSpeechRequest({ ...target, body: upstreamBody });
      }),
    );
    if (!result.ok) return paid.fail(result.error, result.attempts);
    paid.served(result.candidate, result.attempts.length, cost);
    const release = context.holdSlot();
    return relayAudio({
      context,
      opened: result.value,
      meter: paid.meter,
      served: {
        model,
        providerId: result.candidate.deployment.provider.id,
        upstreamModel: result.candidate.deployment.upstreamModel,
        costMicros: cost,
        attempts: result.attempts,
      },
      abort: paid.abort,
      onEnd: () => {
        release();
        paid.detach();
      },
    });
  } catch (error) {
    return paid.fail(error);
  }
}

/** 501 for a deployment whose adapter has no speech wire format. */
function notServed(candidate: Candidate): never {
  throw new GatewayError("not_implemented", `${candidate.deployment.provider.name} serves no text to speech`);
}

interface AudioRelay {
  context: GatewayContext;
  opened: OpenedByteStream;
  meter: Meter;
  served: Omit<MeterOutcome, "status"> & { attempts: AttemptRecord[] };
  abort(): void;
  onEnd(): void;
}

/**
 * The upstream's bytes, passed on as they arrive (pulled one piece at a time: nothing is buffered beyond it). Audio has
 * no error frame: a failure after the first byte ends the response with an error, so the client sees a broken
 * transfer, never a short file that looks complete.
 */
function relayAudio({ context, opened, meter, served, abort, onEnd }: AudioRelay): Response {
  const ttftMs = Math.round(performance.now() - context.startedAt);
  meter.track(() => ({ status: 200, ...served, ttftMs }));
  let sentFirst = false;
  let ended = false;
  const finish = (status: number, errorCode: string | null) => {
    if (ended) return;
    ended = true;
    meter.finish({ status, errorCode, ...served, ttftMs });
    onEnd();
  };
  const readable = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!sentFirst) {
          sentFirst = true;
          controller.enqueue(opened.first);
          return;
        }
        try {
          const next = await opened.iterator.next();
          if (next.done) {
            finish(200, null);
            controller.close();
          } else controller.enqueue(next.value);
        } catch (error) {
          if (ended) return;
          log.warn("audio stream interrupted", { requestId: context.requestId, error });
          opened.destroy();
          finish(502, "upstream_error");
          controller.error(new Error("the upstream audio stream was interrupted"));
        }
      },
      cancel() {
        abort();
        opened.abortUpstream();
        opened.destroy();
        finish(499, "client_closed");
      },
    },
    { highWaterMark: 0 },
  );
  context.headers.set("content-type", opened.contentType);
  return new Response(readable, { status: 200, headers: context.headers });
}
