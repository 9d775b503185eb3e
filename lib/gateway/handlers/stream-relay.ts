// Relaying an upstream stream to the client as it arrives. Every upstream event is translated to OpenAI chunks by
// the provider's adapter, which is how usage, the finish reason and what was delivered are read on the side; what
// the client is sent is the output's business (OpenAI chunks, Anthropic events as they came, or OpenAI chunks
// retold as Anthropic events). A failure after the first byte ends the stream with the output's error frame, never
// a made-up finish reason; a client that goes away aborts the upstream; either way what was delivered is metered.
import { GatewayError } from "../errors";
import { log } from "../../log";
import { encode, SSE_HEADERS } from "../sse";
import type { GatewayContext } from "../pipeline";
import type { Candidate } from "../routing/candidates";
import type { AttemptRecord } from "../metering/usage-writer";
import type { Meter } from "../metering/meter";
import type { StreamStep, UpstreamEvent } from "../providers/types";
import type { ChatCompletionChunk } from "../schemas/chat";
import { readUsage, type TokenUsage } from "../metering/cost";
import { estimatedUsage } from "../metering/usage-body";
import { loadTokenizer, roughTokens, tokenizerPending } from "../metering/token-estimate";
import { classifyUpstreamError } from "../upstream-client";
import type { OpenedStream } from "../routing/upstream-attempt";
import type { PaidRequest } from "./paid-request";
import { type PullController, type PullSource, withPullSource } from "../pull-source";

/** What the client is sent. */
export interface StreamOutput {
  /**
   * Frames for one upstream event (`raw`) and its OpenAI translation (`chunks`); also called for the final event.
   * `verbatim`: the upstream's own text of the one chunk, when it sent it as it is (StreamStep).
   */
  event(raw: UpstreamEvent, chunks: ChatCompletionChunk[], verbatim?: string): string;
  /** Frames that close a stream that completed, given the metered usage and cost. */
  end(usage: TokenUsage, costMicros: bigint, upstreamUsageSeen: boolean): string;
  /** Frames for a failure after the first byte; `raw` is the upstream's own error event when there was one. */
  error(error: GatewayError, raw?: UpstreamEvent): string;
}

export interface RelayOptions {
  context: GatewayContext;
  opened: OpenedStream;
  candidate: Candidate;
  attempts: AttemptRecord[];
  meter: Meter;
  /** The prompt as the client sent it, counted only if the upstream reports no usage. */
  prompt: unknown;
  output: StreamOutput;
  /** Stops the upstream call (the client went away). */
  abort(): void;
  onEnd(): void;
}

/** The text a chunk delivers (content, reasoning, tool calls), for counting when the upstream reports no usage. */
function deliveredText(chunk: ChatCompletionChunk, into: string[]): void {
  for (const choice of chunk.choices ?? []) {
    const delta = choice.delta ?? {};
    if (typeof delta.content === "string" && delta.content) into.push(delta.content);
    // Legacy text completions stream their choices' text without a delta.
    if (typeof choice.text === "string" && choice.text) into.push(choice.text);
    if (typeof delta.reasoning_content === "string" && delta.reasoning_content) into.push(delta.reasoning_content);
    if (Array.isArray(delta.tool_calls)) {
      for (const call of delta.tool_calls as Array<{ function?: { arguments?: string; name?: string } }>) {
        if (call.function?.name) into.push(call.function.name);
        if (call.function?.arguments) into.push(call.function.arguments);
      }
    }
  }
}

export function relayStream(options: RelayOptions): Response {
  const { context, opened, candidate, meter, output } = options;
  const model = candidate.model;
  let usage: TokenUsage | undefined;
  let upstreamUsageSeen = false;
  let finishReason: string | null = null;
  const delivered: string[] = [];
  let ttftMs: number | null = null;
  let closed = false;
  let firstPending = true;

  const served = {
    model,
    providerId: candidate.deployment.provider.id,
    upstreamModel: candidate.deployment.upstreamModel,
  };
  // If this instance dies mid-stream, what was delivered so far is charged (counted cheaply: this runs every second).
  meter.track(() => ({
    status: 200,
    ...served,
    attempts: options.attempts,
    finishReason,
    ttftMs,
    usage: usage ?? estimatedUsage(options.prompt, delivered.join(""), roughTokens),
    usageSource: usage ? "reported" : "estimated",
  }));

  const finish = (status: number, errorCode: string | null) => {
    const finalUsage = usage ?? estimatedUsage(options.prompt, delivered.join(""));
    const cost = meter.finish({
      status,
      errorCode,
      ...served,
      usage: finalUsage,
      usageSource: usage ? "reported" : "estimated",
      attempts: options.attempts,
      finishReason,
      ttftMs,
    });
    options.onEnd();
    return { finalUsage, cost };
  };

  const complete = () => {
    const { finalUsage, cost } = finish(200, null);
    return output.end(finalUsage, cost, upstreamUsageSeen);
  };

  const fail = (error: GatewayError, raw?: UpstreamEvent) => {
    // Logged as the error the stream ended with, so that error rates count it; what was delivered is still charged.
    finish(error.status, error.code);
    return output.error(error, raw);
  };

  /** One upstream event → frames for the client; "end" once the stream is over. */
  const handle = (raw: UpstreamEvent, step: StreamStep, frames: string[]): "more" | "end" => {
    if (step.kind === "error") {
      frames.push(
        fail(
          new GatewayError("upstream_error", `The upstream provider failed during the stream: ${step.message}`),
          raw,
        ),
      );
      return "end";
    }
    const chunks = step.kind === "chunks" ? step.chunks : [];
    for (const chunk of chunks) {
      const before = delivered.length;
      deliveredText(chunk, delivered);
      if (ttftMs === null && delivered.length > before) ttftMs = Math.round(performance.now() - context.startedAt);
      for (const choice of chunk.choices ?? []) if (choice.finish_reason) finishReason = choice.finish_reason;
      const chunkUsage = chunk.usage ? readUsage(chunk.usage) : undefined;
      if (chunkUsage) {
        usage = chunkUsage;
        upstreamUsageSeen = true;
      }
    }
    frames.push(output.event(raw, chunks, step.kind === "chunks" ? step.verbatim : undefined));
    if (step.kind === "done") {
      frames.push(complete());
      return "end";
    }
    return "more";
  };

  /** A batch of events translated, up to the one that ends the stream if it holds one. */
  const stepsOf = (events: UpstreamEvent[], first?: StreamStep): Array<[UpstreamEvent, StreamStep]> => {
    const steps: Array<[UpstreamEvent, StreamStep]> = [];
    for (const [index, event] of events.entries()) {
      const step = index === 0 && first ? first : opened.translate(event);
      steps.push([event, step]);
      if (step.kind !== "chunks") break;
    }
    return steps;
  };

  /**
   * A batch that ends the stream without the upstream's usage is charged by count: the encoder is loaded first, if it
   * has not been (undefined when nothing needs waiting for, so a batch in the middle of a stream costs no promise).
   */
  const countingReady = (steps: Array<[UpstreamEvent, StreamStep]>): Promise<void> | undefined => {
    if (usage !== undefined || !tokenizerPending()) return undefined;
    if (!steps.some(([, step]) => step.kind !== "chunks")) return undefined;
    const reportsUsage = steps.some(
      ([, step]) => step.kind === "chunks" && step.chunks.some((chunk) => chunk.usage && readUsage(chunk.usage)),
    );
    return reportsUsage ? undefined : loadTokenizer();
  };

  /** Handles a batch in order; "end" once one of its events ended the stream. */
  const handleAll = (steps: Array<[UpstreamEvent, StreamStep]>, frames: string[]): "more" | "end" => {
    for (const [event, step] of steps) if (handle(event, step, frames) === "end") return "end";
    return "more";
  };

  /**
   * One batch relayed: its frames enqueued, or the stream ended. True once the pull is done (something enqueued, the
   * stream over or gone), false for a batch that made no frames. Synchronous unless the batch must first wait for
   * the encoder (countingReady), so a batch in the middle of a stream costs no promise.
   */
  const relayBatch = (
    steps: Array<[UpstreamEvent, StreamStep]>,
    controller: PullController,
    frames: string[],
  ): boolean | Promise<boolean> => {
    const counting = countingReady(steps);
    if (counting) return counting.then(() => closed || sendBatch(steps, controller, frames));
    return sendBatch(steps, controller, frames);
  };

  const sendBatch = (steps: Array<[UpstreamEvent, StreamStep]>, controller: PullController, frames: string[]) => {
    if (handleAll(steps, frames) === "end") {
      endWith(controller, frames);
      return true;
    }
    const text = frames.join("");
    if (!text) return false;
    controller.enqueue(encode(text));
    return true;
  };

  const endWith = (controller: PullController, frames: string[]) => {
    closed = true;
    const text = frames.join("");
    if (text) controller.enqueue(encode(text));
    controller.close();
    // Whatever the upstream still sends is not wanted: read and dropped until its body ends, then its connection is
    // free again (cut if it does not end soon).
    opened.release();
  };

  const source: PullSource = {
    async pull(controller) {
      if (closed) return;
      try {
        const frames: string[] = [];
        if (firstPending) {
          firstPending = false;
          const sent = relayBatch(stepsOf(opened.pending, opened.firstStep), controller, frames);
          if (typeof sent === "boolean" ? sent : await sent) return;
        }
        for (;;) {
          const next = await opened.iterator.next();
          if (closed) return;
          if (next.done) {
            // Whatever follows ends the stream: with the upstream's usage, or counted.
            if (usage === undefined) await loadTokenizer();
            if (closed) return;
            if (handleAll(stepsOf(opened.parser.flush()), frames) === "end") return endWith(controller, frames);
            // The upstream closed without its end marker: complete if it finished its answer, else say it was cut.
            frames.push(
              finishReason
                ? complete()
                : fail(
                    new GatewayError(
                      "upstream_error",
                      "The upstream provider ended the stream before finishing its answer",
                    ),
                  ),
            );
            return endWith(controller, frames);
          }
          const sent = relayBatch(stepsOf(opened.parser.push(next.value)), controller, frames);
          if (typeof sent === "boolean" ? sent : await sent) return;
        }
      } catch (error) {
        if (closed) return;
        log.warn("stream interrupted", {
          requestId: context.requestId,
          provider: candidate.deployment.provider.id,
          error,
        });
        opened.destroy();
        if (usage === undefined) await loadTokenizer();
        if (closed) return;
        const failure = classifyUpstreamError(error);
        const timeout = failure.kind === "timeout";
        const message = timeout
          ? "the upstream provider stopped sending in time"
          : "the connection to the upstream provider was lost";
        controller.enqueue(
          encode(
            fail(
              new GatewayError(
                timeout ? "upstream_timeout" : "upstream_error",
                `The stream was interrupted: ${message}`,
              ),
            ),
          ),
        );
        closed = true;
        controller.close();
      }
    },
    async cancel() {
      // The client went away: stop the upstream now, not when its next event happens to arrive, and meter.
      closed = true;
      options.abort();
      opened.abortUpstream();
      opened.destroy();
      if (usage === undefined) await loadTokenizer();
      finish(499, "client_closed");
    },
  };
  const readable = new ReadableStream<Uint8Array>(source, { highWaterMark: 0 });

  for (const [name, value] of Object.entries(SSE_HEADERS)) context.headers.set(name, value);
  return withPullSource(new Response(readable, { status: 200, headers: context.headers }), source);
}

/** A paid request's opened upstream stream, relayed: the served headers set, the in-flight slot held until it ends. */
export function relayPaidStream(
  context: GatewayContext,
  paid: PaidRequest,
  opened: { value: OpenedStream; candidate: Candidate; attempts: AttemptRecord[] },
  prompt: unknown,
  output: StreamOutput,
): Response {
  paid.served(opened.candidate, opened.attempts.length);
  const release = context.holdSlot();
  return relayStream({
    context,
    opened: opened.value,
    candidate: opened.candidate,
    attempts: opened.attempts,
    meter: paid.meter,
    prompt,
    output,
    abort: paid.abort,
    onEnd: () => {
      release();
      paid.detach();
    },
  });
}
