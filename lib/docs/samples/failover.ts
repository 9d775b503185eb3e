// The samples of /docs/failover (each one run by tests/docs-samples.test.ts): a chat completion with fallback models.
import { chatSample, curl, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

/**
 * The fallbacks after the reader's model. Neither is the docs' default model: the picker replaces the default's id
 * wherever it appears in a sample, and must not turn a fallback into the primary.
 */
export const FALLBACK_MODELS = ["anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"];
const PROMPT = "Answer from whichever model is up.";

export const samples = {
  fallbacks: chatSample(
    "failover/fallbacks",
    ({ origin, model }) => ({
      curl: curl(
        origin,
        "chat/completions",
        { model, models: FALLBACK_MODELS, messages: [{ role: "user", content: PROMPT }] },
        { flags: ["-i"] },
      ),
      python: `${pythonClient(origin)}

raw = client.chat.completions.with_raw_response.create(
    model=${literal(model)},
    messages=[{"role": "user", "content": ${literal(PROMPT)}}],
    extra_body={"models": [${FALLBACK_MODELS.map(literal).join(", ")}]},  # tried in order if the first fails
)
reply = raw.parse()
print(reply.choices[0].message.content)
print("served by:", raw.headers["x-switchyard-model"], "after", raw.headers["x-switchyard-attempts"], "attempt(s)")`,
      node: `${nodeClient(origin)}

const { data: reply, response } = await client.chat.completions
  .create({
    model: ${literal(model)},
    models: [${FALLBACK_MODELS.map(literal).join(", ")}], // tried in order if the first fails
    messages: [{ role: "user", content: ${literal(PROMPT)} }],
  })
  .withResponse();
console.log(reply.choices[0].message.content);
console.log("served by:", response.headers.get("x-switchyard-model"), "after", response.headers.get("x-switchyard-attempts"), "attempt(s)");`,
    }),
    {
      all: /You said: Answer from whichever model is up\./,
      curl: [/x-switchyard-model: \S+\/\S+/i, /x-switchyard-attempts: \d+/i],
      python: /served by: \S+\/\S+ after \d+ attempt\(s\)/,
      node: /served by: \S+\/\S+ after \d+ attempt\(s\)/,
    },
  ),
} satisfies Record<string, SiteSample>;
