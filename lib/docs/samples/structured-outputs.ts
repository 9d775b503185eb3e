// /docs/structured-outputs: JSON mode, and JSON that follows a schema.
import { chatSample, curl, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

const JSON_SYSTEM = "Reply with a JSON object.";
const JSON_QUESTION = "Give me a city in Vietnam and its population.";
const SCHEMA_QUESTION = "Tell me about Da Nang.";

const CITY_SCHEMA = {
  type: "object",
  properties: {
    city: { type: "string" },
    country: { type: "string" },
    population: { type: "integer" },
  },
  required: ["city", "country", "population"],
  additionalProperties: false,
};

const pythonSchema = `{
    "type": "object",
    "properties": {
        "city": {"type": "string"},
        "country": {"type": "string"},
        "population": {"type": "integer"},
    },
    "required": ["city", "country", "population"],
    "additionalProperties": False,
}`;

const nodeSchema = `{
  type: "object",
  properties: {
    city: { type: "string" },
    country: { type: "string" },
    population: { type: "integer" },
  },
  required: ["city", "country", "population"],
  additionalProperties: false,
}`;

export const samples = {
  jsonMode: chatSample(
    "structured-outputs/json-mode",
    ({ origin, model }) => ({
      curl: curl(origin, "chat/completions", {
        model,
        messages: [
          { role: "system", content: JSON_SYSTEM },
          { role: "user", content: JSON_QUESTION },
        ],
        response_format: { type: "json_object" },
      }),
      python: `import json
${pythonClient(origin)}

completion = client.chat.completions.create(
    model=${literal(model)},
    messages=[
        # JSON mode needs the word "JSON" in the messages.
        {"role": "system", "content": ${literal(JSON_SYSTEM)}},
        {"role": "user", "content": ${literal(JSON_QUESTION)}},
    ],
    response_format={"type": "json_object"},
)
answer = json.loads(completion.choices[0].message.content)
print("keys:", sorted(answer))`,
      node: `${nodeClient(origin)}

const completion = await client.chat.completions.create({
  model: ${literal(model)},
  messages: [
    // JSON mode needs the word "JSON" in the messages.
    { role: "system", content: ${literal(JSON_SYSTEM)} },
    { role: "user", content: ${literal(JSON_QUESTION)} },
  ],
  response_format: { type: "json_object" },
});
const answer = JSON.parse(completion.choices[0].message.content);
console.log("keys:", Object.keys(answer).sort());`,
    }),
    { curl: /"content":\s*"\{/, python: /keys: \[.+\]/, node: /keys: \[.+\]/ },
  ),
  jsonSchema: chatSample(
    "structured-outputs/json-schema",
    ({ origin, model }) => ({
      curl: curl(origin, "chat/completions", {
        model,
        messages: [{ role: "user", content: SCHEMA_QUESTION }],
        response_format: {
          type: "json_schema",
          json_schema: { name: "city_facts", strict: true, schema: CITY_SCHEMA },
        },
      }),
      python: `import json
${pythonClient(origin)}

city_schema = ${pythonSchema}
completion = client.chat.completions.create(
    model=${literal(model)},
    messages=[{"role": "user", "content": ${literal(SCHEMA_QUESTION)}}],
    response_format={
        "type": "json_schema",
        "json_schema": {"name": "city_facts", "strict": True, "schema": city_schema},
    },
)
city = json.loads(completion.choices[0].message.content)
print(city["city"], "|", city["country"], "|", city["population"])`,
      node: `${nodeClient(origin)}

const citySchema = ${nodeSchema};
const completion = await client.chat.completions.create({
  model: ${literal(model)},
  messages: [{ role: "user", content: ${literal(SCHEMA_QUESTION)} }],
  response_format: {
    type: "json_schema",
    json_schema: { name: "city_facts", strict: true, schema: citySchema },
  },
});
const city = JSON.parse(completion.choices[0].message.content);
console.log(city.city, "|", city.country, "|", city.population);`,
    }),
    { curl: /"content":\s*"\{.*population/, python: /^.+ \| .+ \| \d+$/m, node: /^.+ \| .+ \| \d+$/m },
  ),
} satisfies Record<string, SiteSample>;
