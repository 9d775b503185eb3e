// /docs/authentication: the key as a Bearer token (what the SDKs send) and in the x-api-key header (any HTTP client).
import { chatSample, curl, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

const PROMPT = "Which header did I use?";

export const samples = {
  bearer: chatSample(
    "authentication/bearer",
    ({ origin, model }) => ({
      curl: curl(origin, `models/${model}`, undefined),
      python: `${pythonClient(origin)}

# The SDK sends the key as "Authorization: Bearer <key>".
model = client.models.retrieve(${literal(model)})
print(model.id, "is available to this key")`,
      node: `${nodeClient(origin)}

// The SDK sends the key as "Authorization: Bearer <key>".
const model = await client.models.retrieve(${literal(model)});
console.log(model.id, "is available to this key");`,
    }),
    {
      curl: /"object":\s*"model"/,
      python: /openai\/gpt-4o-mini is available to this key/,
      node: /openai\/gpt-4o-mini is available to this key/,
    },
  ),
  apiKeyHeader: chatSample(
    "authentication/x-api-key",
    ({ origin, model }) => ({
      curl: curl(
        origin,
        "chat/completions",
        { model, messages: [{ role: "user", content: PROMPT }] },
        {
          authHeader: "x-api-key: $SWITCHYARD_API_KEY",
        },
      ),
      python: `import json
import os
import urllib.request

request = urllib.request.Request(
    ${literal(`${origin}/v1/chat/completions`)},
    data=json.dumps({
        "model": ${literal(model)},
        "messages": [{"role": "user", "content": ${literal(PROMPT)}}],
    }).encode(),
    headers={"x-api-key": os.environ["SWITCHYARD_API_KEY"], "content-type": "application/json"},
)
with urllib.request.urlopen(request) as response:
    reply = json.load(response)
print(reply["choices"][0]["message"]["content"])`,
      node: `const response = await fetch(${literal(`${origin}/v1/chat/completions`)}, {
  method: "POST",
  headers: { "x-api-key": process.env.SWITCHYARD_API_KEY, "content-type": "application/json" },
  body: JSON.stringify({
    model: ${literal(model)},
    messages: [{ role: "user", content: ${literal(PROMPT)} }],
  }),
});
const reply = await response.json();
console.log(reply.choices[0].message.content);`,
    }),
    { all: /You said: Which header did I use\?/ },
  ),
} satisfies Record<string, SiteSample>;
