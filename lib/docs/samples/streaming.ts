// /docs/streaming: the answer as it is written, with usage and cost in the last chunk.
import { chatSample, curl, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

const PROMPT = "Write a haiku about trains at night.";

export const samples = {
  stream: chatSample(
    "streaming/stream",
    ({ origin, model }) => ({
      curl: curl(
        origin,
        "chat/completions",
        {
          model,
          messages: [{ role: "user", content: PROMPT }],
          stream: true,
          stream_options: { include_usage: true },
        },
        { flags: ["-N"] },
      ),
      python: `${pythonClient(origin)}

stream = client.chat.completions.create(
    model=${literal(model)},
    messages=[{"role": "user", "content": ${literal(PROMPT)}}],
    stream=True,
    stream_options={"include_usage": True},
)
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)
    if chunk.usage:  # the last chunk: no choices, the usage and its cost
        print()
        print("tokens:", chunk.usage.total_tokens, "cost (USD):", chunk.usage.cost)`,
      node: `${nodeClient(origin)}

const stream = await client.chat.completions.create({
  model: ${literal(model)},
  messages: [{ role: "user", content: ${literal(PROMPT)} }],
  stream: true,
  stream_options: { include_usage: true },
});
for await (const chunk of stream) {
  const text = chunk.choices[0]?.delta?.content;
  if (text) process.stdout.write(text);
  if (chunk.usage) {
    // The last chunk: no choices, the usage and its cost.
    console.log("\\ntokens:", chunk.usage.total_tokens, "cost (USD):", chunk.usage.cost);
  }
}`,
    }),
    {
      curl: [/^data: \{.*"delta"/m, /"usage":\{.*"cost":/, /^data: \[DONE\]$/m],
      python: [/You said: Write a haiku about trains at night\./, /tokens: \d+ cost \(USD\): [0-9.e-]+/],
      node: [/You said: Write a haiku about trains at night\./, /tokens: \d+ cost \(USD\): [0-9.e-]+/],
    },
  ),
} satisfies Record<string, SiteSample>;
