// The OpenAI output of a relayed stream: chunks with the public model id; the usage chunk only for a client that
// asked (include_usage), with its cost; [DONE] at the end; an OpenAI error frame on failure.
import type { CatalogModel } from "../../catalog/catalog";
import { toOpenAIError } from "../errors";
import { readUsage } from "../metering/cost";
import type { Meter } from "../metering/meter";
import { usageBody } from "../metering/usage-body";
import { dataFrame, DONE_FRAME, errorFrame } from "../sse";
import type { ChatCompletionChunk } from "../schemas/chat";
import type { StreamOutput } from "./stream-relay";
import { chunkTextChanger } from "./chunk-text";

export interface OpenAIStreamShape {
  /** The `object` of the usage chunk the gateway adds ("text_completion" on /v1/completions). */
  object?: string;
  /** Retells each chunk before it is sent (chat chunks as text_completion chunks). */
  reshape?: (chunk: ChatCompletionChunk) => ChatCompletionChunk;
}

export function openAIStreamOutput(
  model: CatalogModel,
  includeUsage: boolean,
  meter: Meter,
  fallbackId: string,
  shape: OpenAIStreamShape = {},
): StreamOutput {
  let lastChunk: Pick<ChatCompletionChunk, "id" | "created"> | undefined;
  const changedText = shape.reshape ? undefined : chunkTextChanger(model.id, !includeUsage);
  return {
    event(_raw, upstreamChunks, verbatim) {
      // The upstream's chunk as it sent it, renamed in its text (chunk-text.ts): a chunk without usage, not reshaped.
      const [only] = upstreamChunks;
      if (verbatim !== undefined && changedText && upstreamChunks.length === 1 && only.usage == null) {
        const text = changedText(verbatim, only);
        if (text !== undefined) {
          lastChunk = only;
          return dataFrame(text);
        }
      }
      let frames = "";
      for (const upstreamChunk of upstreamChunks) {
        const chunk = shape.reshape ? shape.reshape(upstreamChunk) : upstreamChunk;
        lastChunk = chunk;
        chunk.model = model.id;
        const chunkUsage = chunk.usage ? readUsage(chunk.usage) : undefined;
        if (includeUsage) {
          if (chunkUsage && chunk.usage)
            chunk.usage = usageBody(chunkUsage, meter.costOf(model, chunkUsage), chunk.usage);
        } else {
          // Usage was asked upstream for metering; a client that did not ask never sees it.
          if (chunk.usage !== undefined) delete chunk.usage;
          if (chunkUsage && (chunk.choices ?? []).length === 0) continue;
        }
        frames += dataFrame(JSON.stringify(chunk));
      }
      return frames;
    },
    end(usage, costMicros, upstreamUsageSeen) {
      if (!includeUsage || upstreamUsageSeen) return DONE_FRAME;
      // The client asked for usage and the upstream sent none: the last chunk before [DONE] carries ours.
      const chunk = {
        id: lastChunk?.id ?? fallbackId,
        object: shape.object ?? "chat.completion.chunk",
        created: lastChunk?.created ?? Math.floor(Date.now() / 1000),
        model: model.id,
        choices: [],
        usage: usageBody(usage, costMicros),
      };
      return dataFrame(JSON.stringify(chunk)) + DONE_FRAME;
    },
    error: (error) => errorFrame(toOpenAIError(error)),
  };
}
