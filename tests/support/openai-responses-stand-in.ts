// POST /v1/responses on the OpenAI stand-in: OpenAI's Responses API as it answers, non-stream (a Response object) and
// streamed (response.created, response.in_progress, output_item.added, content_part.added, output_text.delta…,
// output_text.done, content_part.done, output_item.done — or function_call_arguments.delta/done for a call — and
// response.completed with usage; every event `event: <type>` with a sequence_number from 0, and no [DONE]).
import type { IncomingMessage, ServerResponse } from "node:http";
import { cutStream, randomId, sendJsonBody, sleep, writeFrame } from "./stand-in-http";
import { isObject, sampleForSchema, type JsonObject } from "./stand-in-json";
import type { ScriptedReply } from "./openai-stand-in";

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function itemText(item: unknown): string {
  if (!isObject(item)) return "";
  const content = item.content ?? item.output;
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content.map((part) => (isObject(part) && typeof part.text === "string" ? part.text : "")).join("");
  return "";
}

function lastUserText(input: unknown): string {
  if (typeof input === "string") return input;
  if (!Array.isArray(input)) return "";
  for (let index = input.length - 1; index >= 0; index -= 1) {
    const item = input[index];
    if (isObject(item) && item.role === "user") return itemText(item);
  }
  return "";
}

interface Plan {
  text: string | undefined;
  call: { callId: string; name: string; arguments: string } | undefined;
  usage: JsonObject;
}

function plan(body: JsonObject, reply: ScriptedReply | undefined): Plan {
  const input = body.input;
  const promptText = (typeof body.instructions === "string" ? body.instructions : "") + JSON.stringify(input ?? "");
  const tools = Array.isArray(body.tools) ? body.tools.filter(isObject) : [];
  const choice = body.tool_choice;
  const forced =
    choice === "required"
      ? tools[0]
      : isObject(choice) && choice.type === "function"
        ? tools.find((tool) => tool.name === choice.name)
        : undefined;
  let call: Plan["call"];
  let text: string | undefined;
  if (reply?.toolCall) call = { callId: randomId("call_"), ...reply.toolCall };
  else if (forced && reply?.content === undefined) {
    const args = JSON.stringify(sampleForSchema(forced.parameters ?? { type: "object" }, lastUserText(input), "all"));
    call = { callId: randomId("call_"), name: String(forced.name), arguments: args };
  } else if (reply?.content !== undefined) text = reply.content;
  else {
    const format = isObject(body.text) && isObject(body.text.format) ? body.text.format : undefined;
    if (format?.type === "json_schema")
      text = JSON.stringify(sampleForSchema(format.schema, lastUserText(input), "all"));
    else text = `You said: ${lastUserText(input)}`;
  }
  const inputTokens = reply?.usage?.prompt_tokens ?? estimateTokens(promptText);
  const outputTokens = reply?.usage?.completion_tokens ?? estimateTokens(text ?? call?.arguments ?? "");
  const reasoningTokens = reply?.usage?.reasoning_tokens ?? 0;
  const cachedTokens = reply?.usage?.cached_tokens ?? 0;
  return {
    text,
    call,
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: cachedTokens },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: reasoningTokens },
      total_tokens: inputTokens + outputTokens,
    },
  };
}

function responseObject(body: JsonObject, id: string, status: string, output: JsonObject[], usage: JsonObject | null) {
  return {
    id,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: `${String(body.model)}-2024-07-18`,
    output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: "text" } },
    tool_choice: body.tool_choice ?? "auto",
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: "disabled",
    usage,
    user: null,
    metadata: {},
  };
}

export async function answerResponses(
  request: IncomingMessage,
  response: ServerResponse,
  body: JsonObject,
  reply: ScriptedReply | undefined,
): Promise<void> {
  const id = randomId("resp_");
  const answer = plan(body, reply);
  const itemId = answer.call ? randomId("fc_") : randomId("msg_");
  const textPart = (text: string) => ({ type: "output_text", text, annotations: [], logprobs: [] });
  const finalItem: JsonObject = answer.call
    ? {
        id: itemId,
        type: "function_call",
        status: "completed",
        arguments: answer.call.arguments,
        call_id: answer.call.callId,
        name: answer.call.name,
      }
    : { id: itemId, type: "message", status: "completed", role: "assistant", content: [textPart(answer.text ?? "")] };
  if (body.stream !== true) {
    sendJsonBody(response, 200, responseObject(body, id, "completed", [finalItem], answer.usage), {
      "x-request-id": randomId("req_"),
    });
    return;
  }
  const events: JsonObject[] = [];
  const add = (type: string, fields: JsonObject) => events.push({ type, ...fields, sequence_number: events.length });
  const at = { item_id: itemId, output_index: 0 };
  add("response.created", { response: responseObject(body, id, "in_progress", [], null) });
  add("response.in_progress", { response: responseObject(body, id, "in_progress", [], null) });
  if (answer.call) {
    add("response.output_item.added", {
      output_index: 0,
      item: { ...finalItem, status: "in_progress", arguments: "" },
    });
    const args = answer.call.arguments;
    for (let start = 0; start < args.length; start += 6)
      add("response.function_call_arguments.delta", { ...at, delta: args.slice(start, start + 6) });
    add("response.function_call_arguments.done", { ...at, name: answer.call.name, arguments: args });
  } else {
    const text = answer.text ?? "";
    add("response.output_item.added", { output_index: 0, item: { ...finalItem, status: "in_progress", content: [] } });
    add("response.content_part.added", { ...at, content_index: 0, part: textPart("") });
    const pieces = Array.from(text);
    for (let start = 0; start < pieces.length; start += 4)
      add("response.output_text.delta", {
        ...at,
        content_index: 0,
        delta: pieces.slice(start, start + 4).join(""),
        logprobs: [],
      });
    add("response.output_text.done", { ...at, content_index: 0, text, logprobs: [] });
    add("response.content_part.done", { ...at, content_index: 0, part: textPart(text) });
  }
  add("response.output_item.done", { output_index: 0, item: finalItem });
  add("response.completed", { response: responseObject(body, id, "completed", [finalItem], answer.usage) });

  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    "x-request-id": randomId("req_"),
    ...reply?.headers,
  });
  response.flushHeaders();
  let sent = 0;
  for (const event of events) {
    if (response.destroyed) return;
    if (reply?.cutAfterChunks !== undefined && sent >= reply.cutAfterChunks) {
      await cutStream(request.socket);
      return;
    }
    await writeFrame(response, `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`, false);
    sent += 1;
    if (reply?.chunkIntervalMs) await sleep(reply.chunkIntervalMs);
  }
  if (!response.destroyed) response.end();
}
