// POST /api/demo/chat: the landing page's free demo. A visitor's short conversation goes through the same chat core as
// /v1/chat/completions, always as a stream from a free model with usage on its last chunk and a bounded answer;
// metered under the demo's system account and charged to no one.
import "../server-only";
import { getCatalog, resolveModelId } from "../catalog/catalog";
import { env } from "../env";
import { GatewayError } from "../gateway/errors";
import { runChat } from "../gateway/handlers/chat-completions";
import { readBodyText, type GatewayContext } from "../gateway/pipeline";
import type { ChatRequestBody } from "../gateway/schemas/chat";
import { demoModels } from "./demo-models";
import { parseDemoRequest } from "./demo-request";
import { DEMO_LIMITS, demoSettings } from "./demo-settings";

/** Keeps answers within the demo's max_tokens, so that they end rather than stop mid-sentence. */
const DEMO_SYSTEM_PROMPT = "You are answering in a short live demo. Keep every answer brief: a few sentences at most.";

export async function handleDemoChat(context: GatewayContext): Promise<Response> {
  const { text, bytes } = await readBodyText(context.request, DEMO_LIMITS.maxBodyBytes);
  const demo = parseDemoRequest(text);
  const catalog = await getCatalog();
  const offered = demoModels(catalog, demoSettings(env()).models);
  if (offered.length === 0) {
    throw new GatewayError("not_implemented", "The free demo has no free model it can serve right now");
  }
  const requested = demo.model ?? offered[0].id;
  const id = resolveModelId(catalog, requested);
  const model = offered.find((candidate) => candidate.id === id);
  if (!model) {
    // Logged under the model asked for, when there is one: what visitors try to get for free is worth knowing.
    if (id) context.model = id;
    throw new GatewayError(
      "model_not_allowed",
      `The free demo serves only free models (${offered.map((candidate) => candidate.id).join(", ")}); ` +
        `'${requested}' needs an API key: sign up to call it`,
      { param: "model" },
    );
  }
  const body: ChatRequestBody = {
    model: model.id,
    messages: [{ role: "system", content: DEMO_SYSTEM_PROMPT }, ...demo.messages],
    stream: true,
    stream_options: { include_usage: true },
    max_tokens: DEMO_LIMITS.maxTokens,
  };
  return runChat(context, body, bytes);
}
