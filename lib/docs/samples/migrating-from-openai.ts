// The samples of /docs/migrating-from-openai (each one run by tests/docs-samples.test.ts): code written for OpenAI,
// with the three values that change marked.
import { chatSample, curl, literal, type SiteSample } from "../sample";

const PROMPT = "Same code, new base URL.";

export const samples = {
  sameCode: chatSample(
    "migrating-from-openai/same-code",
    ({ origin, model }) => ({
      curl: curl(origin, "chat/completions", { model, messages: [{ role: "user", content: PROMPT }] }),
      python: `import os
from openai import OpenAI

client = OpenAI(
    base_url=${literal(`${origin}/v1`)},  # was: https://api.openai.com/v1
    api_key=os.environ["SWITCHYARD_API_KEY"],  # was: your OpenAI key
)
reply = client.chat.completions.create(
    model=${literal(model)},  # was: "gpt-4o-mini"; now <provider>/<model>
    messages=[{"role": "user", "content": ${literal(PROMPT)}}],
)
print(reply.choices[0].message.content)`,
      node: `import OpenAI from "openai";

const client = new OpenAI({
  baseURL: ${literal(`${origin}/v1`)}, // was: https://api.openai.com/v1
  apiKey: process.env.SWITCHYARD_API_KEY, // was: your OpenAI key
});
const reply = await client.chat.completions.create({
  model: ${literal(model)}, // was: "gpt-4o-mini"; now <provider>/<model>
  messages: [{ role: "user", content: ${literal(PROMPT)} }],
});
console.log(reply.choices[0].message.content);`,
    }),
    { all: /You said: Same code, new base URL\./ },
  ),
} satisfies Record<string, SiteSample>;
