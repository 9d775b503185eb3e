// The landing page's "change one line" samples, in curl, Python and Node. Exported on their own so that the test that
// runs every sample on the site (the docs' sample runner) can run these against the app: a sample that fails fails
// the build. Each reads the key from $SWITCHYARD_API_KEY, and points at `origin`, the site's own.
import type { CodeSample } from "../code-sample";

export const LANDING_SAMPLE_MODEL = "openai/gpt-4o-mini";
const OTHER_MODELS = "anthropic/claude-sonnet-4, deepseek/deepseek-chat, …";

export function landingSamples(origin: string, model = LANDING_SAMPLE_MODEL): CodeSample[] {
  const baseUrl = `${origin}/v1`;
  return [
    {
      language: "curl",
      label: "curl",
      code: `curl ${baseUrl}/chat/completions \\
  -H "Authorization: Bearer $SWITCHYARD_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "${model}",
    "messages": [{"role": "user", "content": "Hello!"}]
  }'`,
    },
    {
      language: "python",
      label: "Python",
      code: `import os
from openai import OpenAI

client = OpenAI(
    base_url="${baseUrl}",
    api_key=os.environ["SWITCHYARD_API_KEY"],
)
reply = client.chat.completions.create(
    model="${model}",  # or ${OTHER_MODELS}
    messages=[{"role": "user", "content": "Hello!"}],
)
print(reply.choices[0].message.content)`,
    },
    {
      language: "node",
      label: "Node.js",
      code: `import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "${baseUrl}",
  apiKey: process.env.SWITCHYARD_API_KEY,
});
const reply = await client.chat.completions.create({
  model: "${model}", // or ${OTHER_MODELS}
  messages: [{ role: "user", content: "Hello!" }],
});
console.log(reply.choices[0].message.content);`,
    },
  ];
}
