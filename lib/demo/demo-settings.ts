// The demo's limits as configured (lib/env.ts), and what a visitor may send: short conversations with short answers,
// so that the demo shows the gateway working without becoming a free API.
import type { Env } from "../env";
import { parseDemoModels } from "./demo-models";

export interface DemoSettings {
  /** False when either limit is 0: the route answers 404 and the landing page shows no chat box. */
  enabled: boolean;
  perMinute: number;
  perDay: number;
  models: string[] | undefined;
}

export function demoSettings(config: Pick<Env, "DEMO_REQUESTS_PER_MINUTE" | "DEMO_DAILY_REQUESTS" | "DEMO_MODELS">) {
  return {
    enabled: config.DEMO_REQUESTS_PER_MINUTE > 0 && config.DEMO_DAILY_REQUESTS > 0,
    perMinute: config.DEMO_REQUESTS_PER_MINUTE,
    perDay: config.DEMO_DAILY_REQUESTS,
    models: parseDemoModels(config.DEMO_MODELS),
  } satisfies DemoSettings;
}

/** What one demo request may hold, and how long its answer may be. The client shows the same limits. */
export const DEMO_LIMITS = {
  /** Messages in the conversation sent, the new question included. */
  maxMessages: 10,
  /** Characters in one question. */
  maxQuestionChars: 1_000,
  /** Characters in one earlier answer sent back with the conversation (an answer of maxTokens fits). */
  maxAnswerChars: 4_000,
  /** The answer's max_tokens. */
  maxTokens: 400,
  /** The request body. */
  maxBodyBytes: 32 * 1024,
} as const;
