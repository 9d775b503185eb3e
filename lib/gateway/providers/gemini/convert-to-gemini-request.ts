// An OpenAI Chat Completions request → a Gemini GenerateContentRequest body.
import { z } from "zod";
import type { ChatRequestBody } from "../../schemas/chat";
import { convertToolParameters } from "./convert-json-schema-to-gemini-schema";
import { convertToGeminiContents } from "./convert-to-gemini-contents";
import type {
  GeminiFunctionDeclaration,
  GeminiGenerateContentRequest,
  GeminiGenerationConfig,
  GeminiToolConfig,
} from "./gemini-api";

const functionToolSchema = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({ name: z.string(), description: z.string().optional(), parameters: z.unknown().optional() }),
});

const toolChoiceSchema = z.union([
  z.enum(["auto", "required", "none"]),
  z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string() }) }),
]);

const responseFormatSchema = z.union([
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({ type: z.literal("json_schema"), json_schema: z.looseObject({ schema: z.unknown().optional() }) }),
  z.looseObject({ type: z.literal("text") }),
]);

/**
 * OpenAI's reasoning_effort as a Gemini thinking budget (tokens): the table Google's OpenAI-compatibility endpoint
 * uses for 2.5 models; 24576 is the largest budget every 2.5 model accepts.
 */
const THINKING_BUDGETS: Record<string, number> = { low: 1024, medium: 8192, high: 24576 };

function functionDeclarations(tools: unknown): GeminiFunctionDeclaration[] {
  if (!Array.isArray(tools)) return [];
  const declarations: GeminiFunctionDeclaration[] = [];
  for (const tool of tools) {
    // Only function tools translate; OpenAI's hosted tools (web_search, …) have no Gemini counterpart here.
    const parsed = functionToolSchema.safeParse(tool);
    if (!parsed.success) continue;
    const declaration: GeminiFunctionDeclaration = { name: parsed.data.function.name };
    if (parsed.data.function.description) declaration.description = parsed.data.function.description;
    const parameters = convertToolParameters(parsed.data.function.parameters);
    if (parameters) declaration.parameters = parameters;
    declarations.push(declaration);
  }
  return declarations;
}

function toolConfig(toolChoice: unknown): GeminiToolConfig | undefined {
  const parsed = toolChoiceSchema.safeParse(toolChoice);
  if (!parsed.success) return undefined;
  const choice = parsed.data;
  if (choice === "auto") return { functionCallingConfig: { mode: "AUTO" } };
  if (choice === "required") return { functionCallingConfig: { mode: "ANY" } };
  if (choice === "none") return { functionCallingConfig: { mode: "NONE" } };
  return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [choice.function.name] } };
}

function generationConfig(body: ChatRequestBody): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  if (typeof body.temperature === "number") config.temperature = body.temperature;
  if (typeof body.top_p === "number") config.topP = body.top_p;
  // top_k is not OpenAI's, but Gemini has it and OpenAI-shaped clients send it for the providers that do.
  if (typeof body.top_k === "number" && Number.isInteger(body.top_k) && body.top_k > 0) config.topK = body.top_k;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (typeof maxTokens === "number") config.maxOutputTokens = maxTokens;
  if (typeof body.stop === "string") config.stopSequences = [body.stop];
  else if (Array.isArray(body.stop) && body.stop.length > 0) config.stopSequences = body.stop;
  if (typeof body.n === "number") config.candidateCount = body.n;
  if (typeof body.seed === "number") config.seed = body.seed;
  if (typeof body.presence_penalty === "number") config.presencePenalty = body.presence_penalty;
  if (typeof body.frequency_penalty === "number") config.frequencyPenalty = body.frequency_penalty;

  const responseFormat = responseFormatSchema.safeParse(body.response_format);
  if (responseFormat.success && responseFormat.data.type !== "text") {
    config.responseMimeType = "application/json";
    // responseJsonSchema takes standard JSON Schema (additionalProperties, $defs, $ref included), so the client's
    // schema goes through untouched, unlike tool parameters, which only accept the OpenAPI subset.
    if (responseFormat.data.type === "json_schema" && responseFormat.data.json_schema.schema !== undefined) {
      config.responseJsonSchema = responseFormat.data.json_schema.schema;
    }
  }

  const effort = typeof body.reasoning_effort === "string" ? THINKING_BUDGETS[body.reasoning_effort] : undefined;
  // includeThoughts makes Gemini return thought summaries, which the gateway passes on as reasoning_content.
  if (effort !== undefined) config.thinkingConfig = { thinkingBudget: effort, includeThoughts: true };

  return Object.keys(config).length > 0 ? config : undefined;
}

export function convertToGeminiRequest(body: ChatRequestBody, upstreamModel: string): GeminiGenerateContentRequest {
  const request: GeminiGenerateContentRequest = convertToGeminiContents(body.messages, upstreamModel);
  const declarations = functionDeclarations(body.tools);
  if (declarations.length > 0) {
    request.tools = [{ functionDeclarations: declarations }];
    const config = toolConfig(body.tool_choice);
    if (config) request.toolConfig = config;
  }
  const config = generationConfig(body);
  if (config) request.generationConfig = config;
  return request;
}
