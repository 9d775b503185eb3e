// POST /v1/messages/count_tokens: Claude Code and the Anthropic SDK ask how large a prompt is before sending it.
// Free and not metered. An estimate (~4 bytes a token of the request's messages, system and tools): exact counts
// need each provider's tokenizer, and the answer only steers the client's context management.
import { catalogFor } from "../../byo/account-catalog";
import { jsonResponse, readBodyText, type GatewayContext } from "../pipeline";
import { parseJsonBody } from "../schemas/validate";
import { resolveModels } from "../resolve-models";
import { parseMessagesRequest } from "../messages/anthropic-messages-schema";

export async function handleCountTokens(context: GatewayContext): Promise<Response> {
  const { text } = await readBodyText(context.request);
  const raw = parseJsonBody(text);
  // count_tokens takes the Messages request without max_tokens.
  const request = parseMessagesRequest({ max_tokens: 1, ...raw });
  resolveModels(await catalogFor(context.principal), [request.model], context, "chat", { servable: false });
  const counted = JSON.stringify({
    system: request.system ?? null,
    messages: request.messages,
    tools: request.tools ?? null,
  });
  return jsonResponse({ input_tokens: Math.ceil(Buffer.byteLength(counted) / 4) }, 200, context.headers);
}
