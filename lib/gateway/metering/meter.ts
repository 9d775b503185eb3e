// Closing the books on one request: settle the credit reservation and the budget hold, and queue its log row (with
// its charge) for the batched writer; the write is scheduled to finish after the response. From the moment credit is
// reserved a stream is also registered as open (usage-writer.ts), with a snapshot of what it would be charged if this
// instance died now: what it delivered so far (`track`).
import type { CatalogModel } from "../../catalog/catalog";
import { settleReservation, type Reservation } from "../../billing/credit-leases";
import { noteAccountSpend } from "../../billing/spending-alerts";
import type { GatewayContext } from "../pipeline";
import { tokenCost, type TokenUsage } from "./cost";
import { recordSpeed } from "../routing/deployment-speed";
import { openRequest, recordUsage, type AttemptRecord, type UsageRecord, type UsageSource } from "./usage-writer";

export interface MeterOutcome {
  status: number;
  errorCode?: string | null;
  model?: CatalogModel;
  providerId?: string | null;
  upstreamModel?: string | null;
  usage?: TokenUsage;
  /** "estimated" when the gateway counted the tokens itself; the upstream's own counts otherwise. */
  usageSource?: UsageSource;
  /** For priced-per-unit endpoints (images); otherwise the cost is computed from usage. */
  costMicros?: bigint;
  finishReason?: string | null;
  attempts: AttemptRecord[];
  ttftMs?: number | null;
}

export interface Meter {
  costOf(model: CatalogModel, usage: TokenUsage): bigint;
  /** What a stream has delivered so far, read whenever its open row is brought up to date. */
  track(progress: () => MeterOutcome): void;
  finish(outcome: MeterOutcome): bigint;
}

const NO_USAGE: TokenUsage = { promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0 };

export function startMeter(
  context: GatewayContext,
  options: {
    endpoint: string;
    stream: boolean;
    requestedModel: string;
    reservation: Reservation;
    /** Gives back what the request held beyond its credit: budgets (with its cost) and rate limits (with its tokens). */
    release: (spent: bigint, usedTokens: number) => void;
    prompt?: unknown;
  },
): Meter {
  let finished = false;
  let progress: (() => MeterOutcome) | undefined;
  let written!: () => void;
  context.metered = true;
  // Scheduled now, while the request is in scope: it settles when finish() has run and its record is written,
  // which for a stream is after the last byte.
  context.schedule(new Promise<void>((resolve) => (written = resolve)));

  // The free demo's system account is never charged (handlers/paid-request.ts lets it start only $0 requests).
  const charged = (micros: bigint) => (context.principal.billing === "never" ? 0n : micros);
  const costOf = (outcome: MeterOutcome) =>
    charged(
      outcome.costMicros ?? (outcome.model && outcome.usage ? tokenCost(outcome.usage, outcome.model.prices) : 0n),
    );

  const toRecord = (outcome: MeterOutcome, cost: bigint): UsageRecord => {
    const usage = outcome.usage ?? NO_USAGE;
    return {
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
      usageSource: outcome.usageSource ?? "reported",
      costMicros: cost,
      reservedMicros: options.reservation.amount,
      latencyMs: Math.round(performance.now() - context.startedAt),
      ttftMs: outcome.ttftMs ?? null,
      attempts: outcome.attempts,
      prompt: context.principal.promptLogging ? options.prompt : null,
      createdAt: new Date(),
    };
  };

  // If this instance dies now: charged what was delivered, logged as interrupted. Only a stream delivers before it
  // ends; a non-stream request that dies has delivered nothing and owes nothing, so it needs no open row (which,
  // written for every slow request under load, would cost the most when the gateway can least afford it).
  if (options.stream) {
    const snapshot = () => {
      const outcome: MeterOutcome = {
        ...(progress?.() ?? { status: 500, attempts: [] }),
        status: 500,
        errorCode: "interrupted",
      };
      return toRecord(outcome, costOf(outcome));
    };
    openRequest(context.requestId, context.principal.userId, snapshot, true);
  }

  return {
    costOf: (model, usage) => charged(tokenCost(usage, model.prices)),
    track(next) {
      progress = next;
    },
    finish(outcome) {
      if (finished) return 0n;
      finished = true;
      const cost = costOf(outcome);
      settleReservation(options.reservation, cost);
      const usage = outcome.usage;
      options.release(cost, usage ? usage.promptTokens + usage.completionTokens : 0);
      const record = toRecord(outcome, cost);
      if (outcome.status === 200 && outcome.providerId && outcome.model && usage) {
        recordSpeed(outcome.providerId, outcome.model.id, {
          ttftMs: record.ttftMs,
          totalMs: record.latencyMs,
          completionTokens: usage.completionTokens,
        });
      }
      void recordUsage(record).then(() => {
        written();
        // Once the spend is in the roll-ups, the account's alert thresholds are checked against it (off the hot path).
        if (cost > 0n) noteAccountSpend(context.principal);
      });
      return cost;
    },
  };
}
