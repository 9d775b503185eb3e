// The samples of /docs/anthropic-messages (each one run by tests/docs-samples.test.ts): the Anthropic SDKs pointed at
// the site's origin (they add /v1/messages themselves), on whatever model the reader picked.
import { chatSample, curl, literal, type SiteSample } from "../sample";

const PROMPT = "Hello from the Anthropic SDK!";
const STREAM_PROMPT = "Stream a short greeting.";
const ANTHROPIC_VERSION = "2023-06-01";

function pythonClient(origin: string): string {
  return `import os
import anthropic

client = anthropic.Anthropic(
    base_url=${literal(origin)},  # no /v1: the SDK adds /v1/messages
    api_key=os.environ["SWITCHYARD_API_KEY"],
)`;
}

function nodeClient(origin: string): string {
  return `import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({
  baseURL: ${literal(origin)}, // no /v1: the SDK adds /v1/messages
  apiKey: process.env.SWITCHYARD_API_KEY,
});`;
}

const curlHeaders = {
  authHeader: "x-api-key: $SWITCHYARD_API_KEY",
  headers: [`anthropic-version: ${ANTHROPIC_VERSION}`],
};

export const samples = {
  message: chatSample(
    "anthropic-messages/message",
    ({ origin, model }) => ({
      curl: curl(
        origin,
        "messages",
        { model, max_tokens: 256, messages: [{ role: "user", content: PROMPT }] },
        curlHeaders,
      ),
      python: `${pythonClient(origin)}

message = client.messages.create(
    model=${literal(model)},
    max_tokens=256,
    messages=[{"role": "user", "content": ${literal(PROMPT)}}],
)
print(message.content[0].text)
print("tokens:", message.usage.input_tokens, "in,", message.usage.output_tokens, "out")`,
      node: `${nodeClient(origin)}

const message = await client.messages.create({
  model: ${literal(model)},
  max_tokens: 256,
  messages: [{ role: "user", content: ${literal(PROMPT)} }],
});
console.log(message.content[0].text);
console.log("tokens:", message.usage.input_tokens, "in,", message.usage.output_tokens, "out");`,
    }),
    {
      all: /You said: Hello from the Anthropic SDK!/,
      curl: /"type":\s*"message"/,
      python: /tokens: \d+ in, \d+ out/,
      node: /tokens: \d+ in, \d+ out/,
    },
  ),

  stream: chatSample(
    "anthropic-messages/stream",
    ({ origin, model }) => ({
      curl: curl(
        origin,
        "messages",
        { model, max_tokens: 256, stream: true, messages: [{ role: "user", content: STREAM_PROMPT }] },
        { ...curlHeaders, flags: ["-N"] },
      ),
      python: `${pythonClient(origin)}

with client.messages.stream(
    model=${literal(model)},
    max_tokens=256,
    messages=[{"role": "user", "content": ${literal(STREAM_PROMPT)}}],
) as stream:
    for text in stream.text_stream:
        print(text, end="", flush=True)
    final = stream.get_final_message()
print()
print("stop reason:", final.stop_reason)`,
      node: `${nodeClient(origin)}

const stream = client.messages.stream({
  model: ${literal(model)},
  max_tokens: 256,
  messages: [{ role: "user", content: ${literal(STREAM_PROMPT)} }],
});
stream.on("text", (text) => process.stdout.write(text));
const final = await stream.finalMessage();
console.log();
console.log("stop reason:", final.stop_reason);`,
    }),
    {
      curl: [/event: message_start/, /event: content_block_delta/, /event: message_stop/],
      python: [/You said: Stream a short greeting\./, /stop reason: end_turn/],
      node: [/You said: Stream a short greeting\./, /stop reason: end_turn/],
    },
  ),
} satisfies Record<string, SiteSample>;
