// What the pricing and catalog pages say about money, computed from the catalog rather than written down: the
// markup as it is configured (each model carries its own, in basis points), and a worked example charged by the
// billing function itself. Pure.
import { tokenCost } from "../gateway/metering/cost";
import type { Catalog } from "./catalog";
import { isCallable, type PublicModel } from "./public-models";

export type MarkupSummary =
  | { kind: "none" }
  | { kind: "uniform"; bps: number }
  | { kind: "varies"; minBps: number; maxBps: number };

/** The markup over the models shown: none, one rate for all, or a range (each model's page gives its own). */
export function markupSummary(models: readonly PublicModel[]): MarkupSummary {
  const rates = [...new Set(models.map((model) => model.prices.markupBps))];
  if (rates.length === 0 || (rates.length === 1 && rates[0] === 0)) return { kind: "none" };
  if (rates.length === 1) return { kind: "uniform", bps: rates[0] };
  return { kind: "varies", minBps: Math.min(...rates), maxBps: Math.max(...rates) };
}

export interface PricingExample {
  modelId: string;
  displayName: string;
  inputTokens: number;
  outputTokens: number;
  /** Input and output prices per 1M tokens, markup included. */
  inputPerMillion: bigint;
  outputPerMillion: bigint;
  markupBps: number;
  /** What the request is charged: the billing function's answer, micro-USD. */
  costMicros: bigint;
}

const PREFERRED_EXAMPLES = ["openai/gpt-4o-mini", "deepseek/deepseek-chat", "anthropic/claude-sonnet-4"];
const EXAMPLE_TOKENS = { input: 1_200, output: 350 };

/**
 * A request of 1,200 input and 350 output tokens on a paid chat model this gateway serves (a well-known one when it
 * can): its cost by tokenCost, exactly as a request would be billed. Undefined when no paid chat model is callable.
 */
export function pricingExample(catalog: Catalog): PricingExample | undefined {
  const paidChat = [...catalog.models.values()].filter(
    (model) =>
      model.kind === "chat" && isCallable(model) && (model.prices.input ?? 0n) > 0n && (model.prices.output ?? 0n) > 0n,
  );
  const model =
    PREFERRED_EXAMPLES.map((id) => paidChat.find((candidate) => candidate.id === id)).find(Boolean) ??
    paidChat.sort((a, b) => a.id.localeCompare(b.id))[0];
  if (!model) return undefined;
  const usage = { cachedTokens: 0, reasoningTokens: 0 };
  const perMillion = (promptTokens: number, completionTokens: number) =>
    tokenCost({ ...usage, promptTokens, completionTokens }, model.prices);
  return {
    modelId: model.id,
    displayName: model.displayName,
    inputTokens: EXAMPLE_TOKENS.input,
    outputTokens: EXAMPLE_TOKENS.output,
    inputPerMillion: perMillion(1_000_000, 0),
    outputPerMillion: perMillion(0, 1_000_000),
    markupBps: model.prices.markupBps,
    costMicros: tokenCost(
      { ...usage, promptTokens: EXAMPLE_TOKENS.input, completionTokens: EXAMPLE_TOKENS.output },
      model.prices,
    ),
  };
}
