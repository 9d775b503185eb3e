// Closing the books on one request: settle the credit reservation and the budget hold, and queue its log row
// (with its charge) for the batched writer; the write is scheduled to finish after the response.
import type { CatalogModel } from "../../catalog/catalog";
import { settleReservation, type Reservation } from "../../billing/credit-leases";
import type { GatewayContext } from "../pipeline";
import { tokenCost, type TokenUsage } from "./cost";
import { recordUsage, type AttemptRecord } from "./usage-writer";

export interface MeterOutcome {
  status: number;
  errorCode?: string | null;
  model?: CatalogModel;
  providerId?: string | null;
  upstreamModel?: string | null;
  usage?: TokenUsage;
  /** For priced-per-unit endpoints (images); otherwise the cost is computed from usage. */
  costMicros?: bigint;
  finishReason?: string | null;
  attempts: AttemptRecord[];
  ttftMs?: number | null;
}

export interface Meter {
  costOf(model: CatalogModel, usage: TokenUsage): bigint;
  finish(outcome: MeterOutcome): bigint;
}

export function startMeter(
  context: GatewayContext,
  options: { endpoint: string; stream: boolean; requestedModel: string; reservation: Reservation; releaseBudget: (spent: bigint) => void; prompt?: unknown },
): Meter {
  let finished = false;
  let written!: () => void;
  context.metered = true;
  // Scheduled now, while the request is in scope: it settles when finish() has run and its record is written,
  // which for a stream is after the last byte.
  context.schedule(new Promise<void>((resolve) => (written = resolve)));
  return {
    costOf: (model, usage) => tokenCost(usage, model.prices),
    finish(outcome) {
      if (finished) return 0n;
      finished = true;
      const usage = outcome.usage ?? { promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0 };
      const cost = outcome.costMicros ?? (outcome.model && outcome.usage ? tokenCost(outcome.usage, outcome.model.prices) : 0n);
      settleReservation(options.reservation, cost);
      options.releaseBudget(cost);
      void recordUsage({
          requestId: context.requestId,
          userId: context.principal.userId,
          apiKeyId: context.principal.keyId,
          endpoint: options.endpoint,
          model: outcome.model?.id ?? options.requestedModel,
          providerId: outcome.providerId ?? null,
          upstreamModel: outcome.upstreamModel ?? null,
          stream: options.stream,
          status: outcome.status,
          errorCode: outcome.errorCode ?? null,
          finishReason: outcome.finishReason ?? null,
          promptTokens: usage.promptTokens,
          completionTokens: usage.completionTokens,
          cachedTokens: usage.cachedTokens,
          cacheWriteTokens: usage.cacheWriteTokens ?? 0,
          reasoningTokens: usage.reasoningTokens,
          costMicros: cost,
          reservedMicros: options.reservation.amount,
          latencyMs: Math.round(performance.now() - context.startedAt),
          ttftMs: outcome.ttftMs ?? null,
          attempts: outcome.attempts,
          prompt: context.principal.promptLogging ? options.prompt : null,
          createdAt: new Date(),
        }).then(written);
      return cost;
    },
  };
}
