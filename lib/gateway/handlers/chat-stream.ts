// The streamed answer: upstream events are translated to OpenAI chunks and written as they arrive. Usage is read
// on the side; the usage chunk reaches the client only if it asked. A failure after the first byte ends the
// stream with an OpenAI error frame, never a made-up finish_reason, and what was delivered is metered.
import type { EventSourceMessage } from "eventsource-parser";
import { GatewayError, toOpenAIError } from "../errors";
import { log } from "../../log";
import { DONE_FRAME, dataFrame, encode, errorFrame, SSE_HEADERS } from "../sse";
import type { GatewayContext } from "../pipeline";
import type { Candidate } from "../routing/candidates";
import type { AttemptRecord } from "../metering/usage-writer";
import type { Meter } from "../metering/meter";
import type { StreamStep, UpstreamEvent } from "../providers/types";
import type { ChatCompletionChunk, ChatRequestBody } from "../schemas/chat";
import { readUsage, type TokenUsage } from "../metering/cost";
import { classifyUpstreamError } from "../upstream-client";
import { estimatedUsage, usageBody } from "../metering/usage-body";

export interface OpenedStream {
  iterator: AsyncIterator<Uint8Array>;
  parser: { push(bytes: Uint8Array): EventSourceMessage[]; flush(): EventSourceMessage[] };
  translate: (event: UpstreamEvent) => StreamStep;
  /** Events already read while waiting for the first one. */
  pending: EventSourceMessage[];
  firstStep: StreamStep;
  abortUpstream(): void;
  destroy(error?: Error): void;
}

interface StreamOptions {
  context: GatewayContext;
  body: ChatRequestBody;
  opened: OpenedStream;
  candidate: Candidate;
  attempts: AttemptRecord[];
  meter: Meter;
  promptBytes: number;
  /** Stops the upstream call (the client went away). */
  abort(): void;
  onEnd(): void;
}

function deliveredCharacters(chunk: ChatCompletionChunk): number {
  let count = 0;
  for (const choice of chunk.choices ?? []) {
    const delta = choice.delta ?? {};
    if (typeof delta.content === "string") count += delta.content.length;
    if (typeof delta.reasoning_content === "string") count += delta.reasoning_content.length;
    if (Array.isArray(delta.tool_calls)) {
      for (const call of delta.tool_calls as Array<{ function?: { arguments?: string; name?: string } }>) {
        count += (call.function?.arguments?.length ?? 0) + (call.function?.name?.length ?? 0);
      }
    }
  }
  return count;
}

export function streamChatResponse(options: StreamOptions): Response {
  const { context, body, opened, candidate, meter, abort } = options;
  const includeUsage = body.stream_options?.include_usage === true;
  const model = candidate.model;
  let usage: TokenUsage | undefined;
  let upstreamUsageSeen = false;
  let finishReason: string | null = null;
  let characters = 0;
  let ttftMs: number | null = null;
  let lastChunk: Pick<ChatCompletionChunk, "id" | "created"> | undefined;
  let closed = false;
  let firstPending = true;

  const finish = (status: number, errorCode: string | null) => {
    const finalUsage = usage ?? estimatedUsage(options.promptBytes, characters);
    const cost = meter.finish({
      status, errorCode, model, providerId: candidate.deployment.provider.id, upstreamModel: candidate.deployment.upstreamModel,
      usage: finalUsage, attempts: options.attempts, finishReason, ttftMs,
    });
    options.onEnd();
    return { finalUsage, cost };
  };

  /** The synthetic usage chunk, for a client that asked include_usage from an upstream that sent no usage. */
  const usageChunkFrame = () => {
    const { finalUsage, cost } = finish(200, null);
    const chunk = { id: lastChunk?.id ?? context.requestId, object: "chat.completion.chunk", created: lastChunk?.created ?? Math.floor(Date.now() / 1000), model: model.id, choices: [], usage: usageBody(finalUsage, cost) };
    return dataFrame(JSON.stringify(chunk));
  };

  /** Turns one upstream event into frames for the client; returns "end" once the stream is over. */
  const handle = (step: StreamStep, frames: string[]): "more" | "end" => {
    if (step.kind === "done") {
      if (includeUsage && !upstreamUsageSeen) frames.push(usageChunkFrame());
      else finish(200, null);
      frames.push(DONE_FRAME);
      return "end";
    }
    if (step.kind === "error") {
      finish(200, "upstream_error");
      frames.push(errorFrame(toOpenAIError(new GatewayError("upstream_error", `The upstream provider failed during the stream: ${step.message}`))));
      return "end";
    }
    for (const chunk of step.chunks) {
      lastChunk = chunk;
      characters += deliveredCharacters(chunk);
      if (ttftMs === null && characters > 0) ttftMs = Math.round(performance.now() - context.startedAt);
      for (const choice of chunk.choices ?? []) if (choice.finish_reason) finishReason = choice.finish_reason;
      chunk.model = model.id;
      const chunkUsage = chunk.usage ? readUsage(chunk.usage) : undefined;
      if (chunkUsage) {
        usage = chunkUsage;
        upstreamUsageSeen = true;
      }
      if (includeUsage) {
        if (chunkUsage && chunk.usage) chunk.usage = usageBody(chunkUsage, meter.costOf(model, chunkUsage), chunk.usage);
      } else {
        // Usage was asked upstream for metering; a client that did not ask never sees it.
        if (chunk.usage !== undefined) delete chunk.usage;
        if (chunkUsage && (chunk.choices ?? []).length === 0) continue;
      }
      frames.push(dataFrame(JSON.stringify(chunk)));
    }
    return "more";
  };

  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, error: unknown) => {
    const failure = classifyUpstreamError(error);
    const message = failure.kind === "timeout" ? "the upstream provider stopped sending in time" : "the connection to the upstream provider was lost";
    const code = failure.kind === "timeout" ? "upstream_timeout" : "upstream_error";
    finish(200, code);
    controller.enqueue(encode(errorFrame(toOpenAIError(new GatewayError(code, `The stream was interrupted: ${message}`)))));
    closed = true;
    controller.close();
  };

  const readable = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (closed) return;
        try {
          const frames: string[] = [];
          if (firstPending) {
            firstPending = false;
            let state = handle(opened.firstStep, frames);
            for (const event of opened.pending.slice(1)) if (state === "more") state = handle(opened.translate(event), frames);
            if (state === "end") return endWith(controller, frames);
            if (frames.length > 0) return controller.enqueue(encode(frames.join("")));
          }
          for (;;) {
            const next = await opened.iterator.next();
            if (next.done) {
              // The upstream closed without [DONE]: complete if it finished its answer, else say it was cut.
              for (const event of opened.parser.flush()) if (handle(opened.translate(event), frames) === "end") return endWith(controller, frames);
              if (finishReason) {
                if (includeUsage && !upstreamUsageSeen) frames.push(usageChunkFrame());
                else finish(200, null);
                frames.push(DONE_FRAME);
              } else {
                finish(200, "upstream_error");
                frames.push(errorFrame(toOpenAIError(new GatewayError("upstream_error", "The upstream provider ended the stream before finishing its answer"))));
              }
              return endWith(controller, frames);
            }
            for (const event of opened.parser.push(next.value)) {
              if (handle(opened.translate(event), frames) === "end") return endWith(controller, frames);
            }
            if (frames.length > 0) return controller.enqueue(encode(frames.join("")));
          }
        } catch (error) {
          log.warn("stream interrupted", { requestId: context.requestId, provider: candidate.deployment.provider.id, error });
          opened.destroy();
          fail(controller, error);
        }
      },
      cancel() {
        // The client went away: stop the upstream and meter what was delivered.
        closed = true;
        abort();
        opened.abortUpstream();
        opened.destroy();
        finish(499, "client_closed");
      },
    },
    { highWaterMark: 0 },
  );

  function endWith(controller: ReadableStreamDefaultController<Uint8Array>, frames: string[]) {
    closed = true;
    if (frames.length > 0) controller.enqueue(encode(frames.join("")));
    controller.close();
    opened.abortUpstream();
  }

  const headers = context.headers;
  for (const [name, value] of Object.entries(SSE_HEADERS)) headers.set(name, value);
  return new Response(readable, { status: 200, headers });
}
