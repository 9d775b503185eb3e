// System messages in the middle of `messages` (Claude Code sends them with its tools on) for Anthropic models. A model
// whose catalog entry lists the "system-messages" capability gets them as sent; for any other, each one is folded
// into the top-level system prompt, in the order they came, after what `system` already held: the instructions all
// reach the model, and the request is one every Anthropic model takes.
import type { CatalogModel } from "../../catalog/catalog";

export const SYSTEM_MESSAGES_CAPABILITY = "system-messages";

type Block = Record<string, unknown>;

function isSystemMessage(message: unknown): message is { role: "system"; content: unknown } {
  return typeof message === "object" && message !== null && (message as { role?: unknown }).role === "system";
}

function textBlocks(content: unknown): Block[] {
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  if (!Array.isArray(content)) return [];
  // Validation let only text blocks through (anthropic-to-openai-request.ts refuses others for other models); an
  // empty one would be refused upstream.
  return content.filter(
    (block): block is Block =>
      typeof block === "object" &&
      block !== null &&
      typeof (block as Block).text === "string" &&
      (block as Block).text !== "",
  );
}

/** The native request body for `model`: as it came, or with its system messages folded into `system`. */
export function fitSystemMessages(raw: Record<string, unknown>, model: CatalogModel): Record<string, unknown> {
  const messages = Array.isArray(raw.messages) ? raw.messages : [];
  if (!messages.some(isSystemMessage) || model.capabilities.includes(SYSTEM_MESSAGES_CAPABILITY)) return raw;
  const folded = messages.filter(isSystemMessage).flatMap((message) => textBlocks(message.content));
  const system = raw.system === undefined ? [] : typeof raw.system === "string" ? textBlocks(raw.system) : raw.system;
  return {
    ...raw,
    system: [...(system as Block[]), ...folded],
    messages: messages.filter((message) => !isSystemMessage(message)),
  };
}
