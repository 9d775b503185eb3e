// /docs/tools: a tool the model calls, its result sent back, and the final answer.
import { chatSample, curl, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

const QUESTION = "What is the weather in Hanoi right now?";

const WEATHER_TOOL = {
  type: "function",
  function: {
    name: "get_weather",
    description: "The current weather in a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string", description: "City name, e.g. Hanoi" } },
      required: ["city"],
    },
  },
};

/** The tool definition as Python writes it (True/False/None aside, JSON is a Python literal). */
const pythonTool = `{
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "The current weather in a city",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string", "description": "City name, e.g. Hanoi"}},
            "required": ["city"],
        },
    },
}`;

const nodeTool = `{
  type: "function",
  function: {
    name: "get_weather",
    description: "The current weather in a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string", description: "City name, e.g. Hanoi" } },
      required: ["city"],
    },
  },
}`;

export const samples = {
  weather: chatSample(
    "tools/weather",
    ({ origin, model }) => ({
      curl: curl(origin, "chat/completions", {
        model,
        messages: [{ role: "user", content: QUESTION }],
        tools: [WEATHER_TOOL],
        tool_choice: "required",
      }),
      python: `import json
${pythonClient(origin)}

tools = [${pythonTool}]
messages = [{"role": "user", "content": ${literal(QUESTION)}}]

# 1. The model answers with a call of your tool ("required": it must call one; "auto" lets it choose).
first = client.chat.completions.create(
    model=${literal(model)}, messages=messages, tools=tools, tool_choice="required"
)
call = first.choices[0].message.tool_calls[0]
arguments = json.loads(call.function.arguments)
print("the model called", call.function.name, "with", arguments)

# 2. You run it, and send its result back with the call's id.
result = {"city": arguments["city"], "temperature_c": 31, "conditions": "sunny"}
messages.append({
    "role": "assistant",
    "tool_calls": [{"id": call.id, "type": "function",
                    "function": {"name": call.function.name, "arguments": call.function.arguments}}],
})
messages.append({"role": "tool", "tool_call_id": call.id, "content": json.dumps(result)})

# 3. The model answers with the result in hand.
final = client.chat.completions.create(model=${literal(model)}, messages=messages, tools=tools)
print(final.choices[0].message.content)`,
      node: `${nodeClient(origin)}

const tools = [${nodeTool}];
const messages = [{ role: "user", content: ${literal(QUESTION)} }];

// 1. The model answers with a call of your tool ("required": it must call one; "auto" lets it choose).
const first = await client.chat.completions.create({
  model: ${literal(model)},
  messages,
  tools,
  tool_choice: "required",
});
const call = first.choices[0].message.tool_calls[0];
const args = JSON.parse(call.function.arguments);
console.log("the model called", call.function.name, "with", args);

// 2. You run it, and send its result back with the call's id.
const result = { city: args.city, temperature_c: 31, conditions: "sunny" };
messages.push(first.choices[0].message);
messages.push({ role: "tool", tool_call_id: call.id, content: JSON.stringify(result) });

// 3. The model answers with the result in hand.
const final = await client.chat.completions.create({ model: ${literal(model)}, messages, tools });
console.log(final.choices[0].message.content);`,
    }),
    {
      curl: [/"tool_calls":/, /"name":\s*"get_weather"/, /"finish_reason":\s*"tool_calls"/],
      python: [/the model called get_weather with \{'city': /, /You said: What is the weather in Hanoi right now\?/],
      node: [/the model called get_weather with \{ city: /, /You said: What is the weather in Hanoi right now\?/],
    },
  ),
} satisfies Record<string, SiteSample>;
