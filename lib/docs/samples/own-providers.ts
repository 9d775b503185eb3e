// The samples of /docs/own-providers (each one run by tests/docs-samples.test.ts, whose account has an endpoint of its
// own named "my-vllm" offering "llama-3.1-8b"): a chat completion with a model of the reader's own provider.
import { curl, fixedModelSample, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

/** The own model the samples call: byo/<the provider's name on /providers>/<the endpoint's model id>. */
export const OWN_PROVIDER_NAME = "my-vllm";
export const OWN_UPSTREAM_MODEL = "llama-3.1-8b";
export const OWN_MODEL = `byo/${OWN_PROVIDER_NAME}/${OWN_UPSTREAM_MODEL}`;
const PROMPT = "Hello from my own server.";

export const samples = {
  call: fixedModelSample(
    "own-providers/call",
    ({ origin }) => ({
      curl: curl(origin, "chat/completions", { model: OWN_MODEL, messages: [{ role: "user", content: PROMPT }] }),
      python: `${pythonClient(origin)}

reply = client.chat.completions.create(
    model=${literal(OWN_MODEL)},  # byo/<your provider's name>/<its model id>
    messages=[{"role": "user", "content": ${literal(PROMPT)}}],
)
print(reply.choices[0].message.content)`,
      node: `${nodeClient(origin)}

const reply = await client.chat.completions.create({
  model: ${literal(OWN_MODEL)}, // byo/<your provider's name>/<its model id>
  messages: [{ role: "user", content: ${literal(PROMPT)} }],
});
console.log(reply.choices[0].message.content);`,
    }),
    { all: /You said: Hello from my own server\./ },
  ),
} satisfies Record<string, SiteSample>;
