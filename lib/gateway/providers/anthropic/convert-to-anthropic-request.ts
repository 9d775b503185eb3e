// OpenAI chat request → Anthropic Messages request body. The body is built field by field from what Anthropic
// understands, so OpenAI-only fields (logprobs, presence/frequency penalties, seed, stream_options, …) are
// dropped here instead of being refused upstream on one of our keys.
import { GatewayError } from "../../errors";
import type { ChatRequestBody } from "../../schemas/chat";
import type { AnthropicMessage, AnthropicRequestBody, AnthropicTool, AnthropicToolChoice } from "./anthropic-api";
import { defaultMaxTokens, MINIMUM_THINKING_BUDGET, thinkingBudgetFor } from "./anthropic-output-limits";
import { convertToAnthropicMessages } from "./convert-to-anthropic-messages";
import { JSON_RESPONSE_TOOL_NAME, jsonResponseTool } from "./json-response-tool";
import {
  functionToolSchema,
  readField,
  reasoningEffortSchema,
  responseFormatSchema,
  toolChoiceSchema,
  type ToolChoice,
} from "./openai-request-schemas";

export function convertToAnthropicRequest(
  body: ChatRequestBody,
  upstreamModel: string,
  stream: boolean,
): AnthropicRequestBody {
  if (typeof body.n === "number" && body.n > 1) {
    throw new GatewayError("invalid_value", "Anthropic models return one choice per request: n must be 1", {
      param: "n",
    });
  }
  const { system, messages } = convertToAnthropicMessages(body.messages);

  const clientTools = convertTools(body.tools);
  const responseFormat =
    body.response_format == null
      ? undefined
      : readField(
          responseFormatSchema,
          body.response_format,
          "response_format",
          '{type: "text" | "json_object" | "json_schema", json_schema?: {name, schema}}',
        );
  const jsonTool = jsonResponseTool(responseFormat);
  const tools = jsonTool ? [...clientTools, jsonTool] : clientTools;
  const clientChoice =
    body.tool_choice == null
      ? undefined
      : readField(
          toolChoiceSchema,
          body.tool_choice,
          "tool_choice",
          '"auto", "required", "none" or {type: "function", function: {name}}',
        );
  const toolChoice = anthropicToolChoice(
    clientChoice,
    clientTools.length,
    jsonTool !== undefined,
    body.parallel_tool_calls,
  );

  const requestedMaxTokens = body.max_completion_tokens ?? body.max_tokens ?? undefined;
  let thinkingBudget = thinkingBudgetFor(
    body.reasoning_effort == null
      ? "none"
      : readField(
          reasoningEffortSchema,
          body.reasoning_effort,
          "reasoning_effort",
          "one of none, minimal, low, medium, high",
        ),
  );
  // Anthropic refuses manual thinking together with a forced tool; the forced tool (JSON mode, "required", a named
  // function) is what the client's answer depends on, so it wins and the answer comes without thinking.
  if (toolChoice?.type === "any" || toolChoice?.type === "tool") thinkingBudget = undefined;
  // A tool loop is one assistant turn and must keep one thinking mode: switching thinking on while returning tool
  // results to calls made without thinking blocks is refused upstream.
  if (continuesToolLoopWithoutThinking(messages)) thinkingBudget = undefined;

  let maxTokens = requestedMaxTokens ?? defaultMaxTokens(upstreamModel);
  if (thinkingBudget !== undefined) {
    if (requestedMaxTokens === undefined) {
      // Thinking counts toward max_tokens (which must exceed the budget): the default answer length comes on top.
      maxTokens = defaultMaxTokens(upstreamModel) + thinkingBudget;
    } else if (thinkingBudget >= requestedMaxTokens) {
      // OpenAI's max_completion_tokens includes reasoning and the gateway reserved credit for exactly that, so the
      // client's limit stays and the budget shrinks to leave room for an answer, or thinking is left off.
      thinkingBudget = Math.floor(requestedMaxTokens / 2);
      if (thinkingBudget < MINIMUM_THINKING_BUDGET) thinkingBudget = undefined;
    }
  }

  const request: AnthropicRequestBody = { model: upstreamModel, messages, max_tokens: maxTokens };
  if (system !== undefined) request.system = system;
  if (tools.length > 0) request.tools = tools;
  if (toolChoice) request.tool_choice = toolChoice;
  const stopSequences = (typeof body.stop === "string" ? [body.stop] : (body.stop ?? [])).filter(
    (sequence) => sequence.length > 0,
  );
  if (stopSequences.length > 0) request.stop_sequences = stopSequences;
  if (thinkingBudget !== undefined) {
    // Sampling parameters are left out: Anthropic refuses temperature and top_p (other than their defaults) while thinking.
    request.thinking = { type: "enabled", budget_tokens: thinkingBudget };
  } else {
    // Anthropic's temperature runs 0–1 where OpenAI's runs 0–2; anything above 1 is "as random as it goes", which is 1 there.
    if (typeof body.temperature === "number") request.temperature = Math.min(body.temperature, 1);
    if (typeof body.top_p === "number") request.top_p = body.top_p;
    // top_k is not OpenAI's, but OpenAI-shaped clients send it for the providers that have it, Anthropic among them.
    if (typeof body.top_k === "number" && Number.isInteger(body.top_k) && body.top_k > 0) request.top_k = body.top_k;
  }
  if (body.user) request.metadata = { user_id: body.user };
  if (stream) request.stream = true;
  return request;
}

function convertTools(rawTools: readonly unknown[] | undefined): AnthropicTool[] {
  return (rawTools ?? []).map((rawTool, position) => {
    const tool = readField(
      functionToolSchema,
      rawTool,
      `tools[${position}]`,
      'a function tool {type: "function", function: {name, description?, parameters?}}',
    );
    const { name, description, parameters } = tool.function;
    if (name === JSON_RESPONSE_TOOL_NAME) {
      throw new GatewayError(
        "invalid_value",
        `tools[${position}]: the tool name ${JSON_RESPONSE_TOOL_NAME} is reserved for JSON mode on Anthropic models`,
        { param: "tools" },
      );
    }
    // Anthropic requires an input schema; a function without parameters takes an empty object.
    const converted: AnthropicTool = { name, input_schema: parameters ?? { type: "object", properties: {} } };
    if (description) converted.description = description;
    if (tool.cache_control) converted.cache_control = tool.cache_control;
    return converted;
  });
}

function anthropicToolChoice(
  choice: ToolChoice | undefined,
  clientToolCount: number,
  jsonMode: boolean,
  parallelToolCalls: unknown,
): AnthropicToolChoice | undefined {
  let result: AnthropicToolChoice | undefined;
  if (jsonMode) {
    if (clientToolCount === 0 || choice === "none") result = { type: "tool", name: JSON_RESPONSE_TOOL_NAME };
    else if (typeof choice === "object") result = { type: "tool", name: choice.function.name };
    // With tools of its own, the client gets tool calls or the JSON answer, but never free text.
    else result = { type: "any" };
  } else if (clientToolCount === 0) {
    // Anthropic refuses tool_choice without tools.
    return undefined;
  } else if (choice === "auto") result = { type: "auto" };
  else if (choice === "required") result = { type: "any" };
  else if (choice === "none") result = { type: "none" };
  else if (typeof choice === "object") result = { type: "tool", name: choice.function.name };

  if (parallelToolCalls === false && clientToolCount > 0 && result?.type !== "none") {
    result = { ...(result ?? { type: "auto" }), disable_parallel_tool_use: true };
  }
  return result;
}

/** The conversation ends with tool results for an assistant turn that started without a thinking block. */
function continuesToolLoopWithoutThinking(messages: AnthropicMessage[]): boolean {
  const last = messages.at(-1);
  const previous = messages.at(-2);
  if (last?.role !== "user" || !last.content.some((block) => block.type === "tool_result")) return false;
  if (previous?.role !== "assistant") return false;
  const firstType = previous.content[0]?.type;
  return firstType !== "thinking" && firstType !== "redacted_thinking";
}
