// A local stand-in of the Gemini API (generativelanguage v1beta) on node:http, speaking its real wire format:
// POST /v1beta/models/{model}:generateContent | :streamGenerateContent?alt=sse | :batchEmbedContents | :embedContent,
// key in the x-goog-api-key header, CRLF-framed SSE without [DONE], google.rpc error bodies. Like the OpenAI stand-in
// it records every request and plays scripted faults. It refuses what Google's JSON parser refuses (unknown fields,
// JSON-Schema keywords Gemini's Schema lacks, roles other than user/model), because those are the mistakes a
// translating gateway makes, and it notes every request that carried the key as ?key=, which the gateway must never do.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import type { RecordedRequest } from "./openai-stand-in";
import {
  answerControl,
  cutStream,
  flatHeaders,
  parseRecordedBody,
  playConnectionFaults,
  readBody,
  resetSocket,
  sendJsonBody,
  sleep,
  watchForHangUp,
  connectionNumbering,
  writeFrame,
} from "./stand-in-http";
import { isObject, sampleForSchema, type JsonObject } from "./stand-in-json";

declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the Gemini stand-in, e.g. "http://127.0.0.1:41236" (GEMINI_BASE_URL). */
    geminiStandInUrl: string;
  }
}

export interface GeminiRecordedRequest extends RecordedRequest {
  /** True when the URL carried a `key=` query parameter: the key would end up in access logs. */
  keyInQuery: boolean;
}

export interface GeminiUsageOverride {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  totalTokenCount?: number;
}

/** One scripted behaviour, used by the next POST the stand-in receives (first in, first out). */
export interface GeminiScriptedReply {
  /** Answer with this status (and `body`, `headers`) instead of a response. */
  status?: number;
  /** Body of a scripted status; an object is sent as JSON. Defaults to Google's error body for the status. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before sending the status line and headers. */
  delayFirstByteMs?: number;
  /** Streams: destroy the socket after this many `data:` frames. Non-stream: after the headers and part of the body. */
  cutAfterChunks?: number;
  /** Reset the TCP connection without answering. */
  resetConnection?: boolean;
  /** Replace fields of usageMetadata (the last frame's, in streams). */
  usage?: GeminiUsageOverride;
  /** Replace the generated text (also suppresses a forced functionCall). */
  content?: string;
  /** Answer with this function call, whatever the request forces (how a model decides to use a client's tool). */
  functionCall?: { name: string; args: Record<string, unknown> };
  /** Streams: pause between frames. */
  chunkIntervalMs?: number;
  /** Streams: send each frame in two writes split inside a multi-byte character when there is one. */
  splitFrameBytes?: boolean;
  /** Block the prompt: promptFeedback.blockReason "SAFETY" and no candidates (HTTP 200). */
  safetyBlock?: boolean;
  /** End the candidate with this finishReason. SAFETY-like reasons drop the text unless `content` is given. */
  finishReason?: string;
  /** Streams: after this many frames, send a `data: {"error":…}` frame (503 UNAVAILABLE) and end. */
  errorFrameAfterChunks?: number;
  /** Streams: frame terminator; Gemini sends CRLF ("\r\n\r\n"), "lf" sends "\n\n". */
  lineEnding?: "crlf" | "lf";
}

export interface GeminiStandIn {
  /** Origin, e.g. "http://127.0.0.1:41236"; endpoints live under `${url}/v1beta/models/…`. */
  url: string;
  requests: GeminiRecordedRequest[];
  enqueue: (reply: GeminiScriptedReply) => void;
  reset: () => void;
  close: () => Promise<void>;
  /** Requests that carried `key=` in the URL since the stand-in started; reset() leaves it alone. */
  keyInQueryCount: () => number;
}

interface FunctionCall {
  name: string;
  args: unknown;
}

interface UsageMetadata {
  promptTokenCount: number;
  candidatesTokenCount: number;
  thoughtsTokenCount: number | undefined;
  cachedContentTokenCount: number | undefined;
  totalTokenCount: number;
}

interface GenerationPlan {
  responseId: string;
  modelVersion: string;
  promptBlocked: boolean;
  thoughtText: string | undefined;
  answerText: string;
  functionCalls: FunctionCall[];
  thoughtSignature: string | undefined;
  finishReason: string;
  usage: UsageMetadata;
}

class InvalidArgument extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const echoLimitCodePoints = 2000;
const textPieceCodePoints = 4;
const thoughtPieceCodePoints = 16;
const defaultEmbeddingDimensions = 8;

/** Finish reasons under which Gemini withholds the candidate's text. */
const withholdingFinishReasons = new Set([
  "SAFETY",
  "RECITATION",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "IMAGE_SAFETY",
]);

const statusNameByCode: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "NOT_IMPLEMENTED",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

const messageByStatusName: Record<string, string> = {
  INVALID_ARGUMENT: "Request contains an invalid argument.",
  UNAUTHENTICATED: "Request had invalid authentication credentials.",
  PERMISSION_DENIED: "The caller does not have permission",
  NOT_FOUND: "Requested entity was not found.",
  RESOURCE_EXHAUSTED: "Resource has been exhausted (e.g. check quota).",
  INTERNAL:
    "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  UNAVAILABLE: "The model is overloaded. Please try again later.",
  DEADLINE_EXCEEDED: "Deadline expired before operation could complete.",
};

const safetyCategories = [
  "HARM_CATEGORY_SEXUALLY_EXPLICIT",
  "HARM_CATEGORY_HATE_SPEECH",
  "HARM_CATEGORY_HARASSMENT",
  "HARM_CATEGORY_DANGEROUS_CONTENT",
];

// Field names Google's JSON parser knows, in lowerCamelCase (it also takes the proto's snake_case spelling).
const requestFields = new Set([
  "model",
  "contents",
  "tools",
  "toolConfig",
  "safetySettings",
  "systemInstruction",
  "generationConfig",
  "cachedContent",
]);
const generationConfigFields = new Set([
  "stopSequences",
  "responseMimeType",
  "responseSchema",
  "responseJsonSchema",
  "responseModalities",
  "candidateCount",
  "maxOutputTokens",
  "temperature",
  "topP",
  "topK",
  "seed",
  "presencePenalty",
  "frequencyPenalty",
  "responseLogprobs",
  "logprobs",
  "enableEnhancedCivicAnswers",
  "speechConfig",
  "thinkingConfig",
  "mediaResolution",
  "imageConfig",
]);
const thinkingConfigFields = new Set(["includeThoughts", "thinkingBudget", "thinkingLevel"]);
const contentFields = new Set(["role", "parts"]);
const partDataFields = [
  "text",
  "inlineData",
  "functionCall",
  "functionResponse",
  "fileData",
  "executableCode",
  "codeExecutionResult",
];
const partFields = new Set([
  ...partDataFields,
  "thought",
  "thoughtSignature",
  "videoMetadata",
  "partMetadata",
  "mediaResolution",
]);
const toolFields = new Set([
  "functionDeclarations",
  "googleSearchRetrieval",
  "codeExecution",
  "googleSearch",
  "urlContext",
  "computerUse",
  "fileSearch",
  "googleMaps",
]);
const functionDeclarationFields = new Set([
  "name",
  "description",
  "parameters",
  "parametersJsonSchema",
  "response",
  "responseJsonSchema",
  "behavior",
]);
const schemaFields = new Set([
  "type",
  "format",
  "title",
  "description",
  "nullable",
  "enum",
  "maxItems",
  "minItems",
  "properties",
  "required",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "example",
  "anyOf",
  "propertyOrdering",
  "default",
  "items",
  "minimum",
  "maximum",
]);
const embedRequestFields = new Set(["model", "content", "taskType", "title", "outputDimensionality"]);

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** A field read the way Google's parser reads it: lowerCamelCase or the proto's snake_case. */
function field(object: JsonObject, camelName: string): unknown {
  return object[camelName] ?? object[snakeCase(camelName)];
}

function googleError(code: number, message: string, details?: unknown[]): JsonObject {
  const status = statusNameByCode[code] ?? (code >= 500 ? "INTERNAL" : "INVALID_ARGUMENT");
  return { error: { code, message, status, ...(details ? { details } : {}) } };
}

function unknownFieldError(name: string, where: string | undefined): InvalidArgument {
  const message = `Invalid JSON payload received. Unknown name "${name}"${where ? ` at '${where}'` : ""}: Cannot find field.`;
  return new InvalidArgument(message, where);
}

function checkFields(object: JsonObject, known: Set<string>, where: string | undefined): void {
  for (const name of Object.keys(object)) {
    if (!known.has(camelCase(name))) throw unknownFieldError(name, where);
  }
}

/** Gemini's Schema is an OpenAPI subset: JSON-Schema keywords such as additionalProperties or $ref are unknown fields. */
function checkSchema(schema: unknown, where: string): void {
  if (!isObject(schema)) return;
  checkFields(schema, schemaFields, where);
  const properties = field(schema, "properties");
  if (isObject(properties)) {
    for (const [index, property] of Object.values(properties).entries()) {
      checkSchema(property, `${where}.properties[${index}].value`);
    }
  }
  checkSchema(field(schema, "items"), `${where}.items`);
  const anyOf = field(schema, "anyOf");
  if (Array.isArray(anyOf)) {
    for (const [index, option] of anyOf.entries()) checkSchema(option, `${where}.any_of[${index}]`);
  }
}

function checkContent(content: unknown, where: string, checkRole: boolean): void {
  if (!isObject(content))
    throw new InvalidArgument(`Invalid value at '${where}': a Content object is expected.`, where);
  checkFields(content, contentFields, where);
  const role = content.role;
  if (checkRole && role !== undefined && role !== "user" && role !== "model") {
    throw new InvalidArgument("Please use a valid role: user, model.");
  }
  const parts = content.parts;
  if (!Array.isArray(parts) || parts.length === 0) {
    throw new InvalidArgument(
      `* GenerateContentRequest.${where}.parts: contents.parts must not be empty.\n`,
      `${where}.parts`,
    );
  }
  parts.forEach((part, index) => {
    const partWhere = `${where}.parts[${index}]`;
    if (!isObject(part))
      throw new InvalidArgument(`Invalid value at '${partWhere}': a Part object is expected.`, partWhere);
    checkFields(part, partFields, partWhere);
    if (!partDataFields.some((name) => field(part, name) !== undefined)) {
      throw new InvalidArgument(
        `* GenerateContentRequest.${partWhere}.data: required oneof field 'data' must have one initialized field\n`,
        partWhere,
      );
    }
  });
}

function validateGenerateRequest(body: JsonObject): void {
  checkFields(body, requestFields, undefined);
  const contents = field(body, "contents");
  if (!Array.isArray(contents) || contents.length === 0) {
    throw new InvalidArgument("* GenerateContentRequest.contents: contents is not specified\n", "contents");
  }
  for (const [index, content] of contents.entries()) checkContent(content, `contents[${index}]`, true);
  const systemInstruction = field(body, "systemInstruction");
  if (systemInstruction !== undefined) checkContent(systemInstruction, "system_instruction", false);

  const generationConfig = field(body, "generationConfig");
  if (generationConfig !== undefined) {
    if (!isObject(generationConfig))
      throw new InvalidArgument("Invalid value at 'generation_config': an object is expected.", "generation_config");
    checkFields(generationConfig, generationConfigFields, "generation_config");
    const thinkingConfig = field(generationConfig, "thinkingConfig");
    if (isObject(thinkingConfig))
      checkFields(thinkingConfig, thinkingConfigFields, "generation_config.thinking_config");
    const responseSchema = field(generationConfig, "responseSchema");
    if (responseSchema !== undefined) checkSchema(responseSchema, "generation_config.response_schema");
    const maxOutputTokens = field(generationConfig, "maxOutputTokens");
    if (maxOutputTokens !== undefined && (typeof maxOutputTokens !== "number" || !Number.isInteger(maxOutputTokens))) {
      throw new InvalidArgument(
        `Invalid value at 'generation_config.max_output_tokens' (TYPE_INT32), ${JSON.stringify(maxOutputTokens)}`,
        "generation_config.max_output_tokens",
      );
    }
  }

  const tools = field(body, "tools");
  if (tools !== undefined) {
    if (!Array.isArray(tools)) throw new InvalidArgument("Invalid value at 'tools': a list is expected.", "tools");
    tools.forEach((tool, toolIndex) => {
      const toolWhere = `tools[${toolIndex}]`;
      if (!isObject(tool))
        throw new InvalidArgument(`Invalid value at '${toolWhere}': a Tool object is expected.`, toolWhere);
      checkFields(tool, toolFields, toolWhere);
      const declarations = field(tool, "functionDeclarations");
      if (!Array.isArray(declarations)) return;
      declarations.forEach((declaration, declarationIndex) => {
        const where = `${toolWhere}.function_declarations[${declarationIndex}]`;
        if (!isObject(declaration))
          throw new InvalidArgument(`Invalid value at '${where}': a FunctionDeclaration is expected.`, where);
        checkFields(declaration, functionDeclarationFields, where);
        const name = declaration.name;
        if (typeof name !== "string" || !/^[a-zA-Z_][a-zA-Z0-9_.:-]{0,127}$/.test(name)) {
          throw new InvalidArgument(
            `* GenerateContentRequest.${where}.name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 128.\n`,
            `${where}.name`,
          );
        }
        checkSchema(declaration.parameters, `${where}.parameters`);
      });
    });
  }
}

function partsText(content: unknown): string {
  if (!isObject(content) || !Array.isArray(content.parts)) return "";
  return content.parts
    .map((part) => {
      if (!isObject(part)) return "";
      if (typeof part.text === "string" && part.thought !== true) return part.text;
      const functionResponse = field(part, "functionResponse");
      if (isObject(functionResponse)) return JSON.stringify(functionResponse.response ?? "");
      return "";
    })
    .join("");
}

function lastUserText(contents: JsonObject[]): string {
  for (let index = contents.length - 1; index >= 0; index -= 1) {
    if (contents[index].role !== "model") return partsText(contents[index]);
  }
  return "";
}

function splitCodePoints(text: string, size: number): string[] {
  const codePoints = Array.from(text);
  const pieces: string[] = [];
  for (let start = 0; start < codePoints.length; start += size)
    pieces.push(codePoints.slice(start, start + size).join(""));
  return pieces.length > 0 ? pieces : [""];
}

/** The function a request forces with functionCallingConfig mode ANY: the first allowed name, else the first declared. */
function forcedFunction(body: JsonObject): JsonObject | undefined {
  const toolConfig = field(body, "toolConfig");
  const callingConfig = isObject(toolConfig) ? field(toolConfig, "functionCallingConfig") : undefined;
  if (!isObject(callingConfig) || callingConfig.mode !== "ANY") return undefined;
  const tools = field(body, "tools");
  const declarations = (Array.isArray(tools) ? tools : []).filter(isObject).flatMap((tool) => {
    const list = field(tool, "functionDeclarations");
    return Array.isArray(list) ? list.filter(isObject) : [];
  });
  const allowed = field(callingConfig, "allowedFunctionNames");
  if (Array.isArray(allowed) && allowed.length > 0)
    return declarations.find((declaration) => declaration.name === allowed[0]);
  return declarations[0];
}

function planGeneration(model: string, body: JsonObject, reply: GeminiScriptedReply | undefined): GenerationPlan {
  const contents = (field(body, "contents") as unknown[]).filter(isObject);
  const userText = Array.from(lastUserText(contents)).slice(0, echoLimitCodePoints).join("");
  const systemText = partsText(field(body, "systemInstruction"));
  const tools = field(body, "tools");
  const promptText = [systemText, ...contents.map(partsText), tools === undefined ? "" : JSON.stringify(tools)].join(
    "\n",
  );
  const promptTokens = estimateTokens(promptText) + contents.length * 2;

  const generationConfig = field(body, "generationConfig");
  const config = isObject(generationConfig) ? generationConfig : {};
  const thinkingConfig = field(config, "thinkingConfig");
  const thinking = isObject(thinkingConfig) ? thinkingConfig : undefined;
  const thinks = thinking !== undefined && field(thinking, "thinkingBudget") !== 0;
  const thoughtText = thinks ? `**Reading the request**\n\nThe user wrote: ${userText}\n` : undefined;
  const thoughtsTokens = thoughtText === undefined ? undefined : estimateTokens(thoughtText);

  const declaration = reply?.content === undefined ? forcedFunction(body) : undefined;
  const functionCalls: FunctionCall[] = [];
  let answerText = "";
  let finishReason = reply?.finishReason ?? "STOP";
  if (reply?.functionCall !== undefined) {
    functionCalls.push({ name: reply.functionCall.name, args: reply.functionCall.args });
  } else if (declaration !== undefined) {
    const schema = declaration.parameters ?? field(declaration, "parametersJsonSchema") ?? { type: "object" };
    functionCalls.push({ name: String(declaration.name), args: sampleForSchema(schema, userText, "required") });
  } else if (reply?.content !== undefined) {
    answerText = reply.content;
  } else if (!withholdingFinishReasons.has(finishReason)) {
    answerText = `You said: ${userText}`;
    const maxOutputTokens = field(config, "maxOutputTokens");
    if (typeof maxOutputTokens === "number" && maxOutputTokens > 0 && estimateTokens(answerText) > maxOutputTokens) {
      answerText = Array.from(answerText)
        .slice(0, maxOutputTokens * 4)
        .join("");
      finishReason = reply?.finishReason ?? "MAX_TOKENS";
    }
  }

  const promptBlocked = reply?.safetyBlock === true;
  let candidatesTokens = 0;
  if (functionCalls.length > 0) candidatesTokens = estimateTokens(JSON.stringify(functionCalls));
  else if (answerText.length > 0) candidatesTokens = estimateTokens(answerText);
  if (promptBlocked) candidatesTokens = 0;

  const override = reply?.usage;
  const prompt = override?.promptTokenCount ?? promptTokens;
  const candidates = override?.candidatesTokenCount ?? candidatesTokens;
  const thoughts = promptBlocked ? undefined : (override?.thoughtsTokenCount ?? thoughtsTokens);
  return {
    responseId: randomBytes(15).toString("base64url"),
    modelVersion: model,
    promptBlocked,
    thoughtText: thinking !== undefined && field(thinking, "includeThoughts") === true ? thoughtText : undefined,
    answerText,
    functionCalls,
    thoughtSignature: thinks && functionCalls.length > 0 ? randomBytes(32).toString("base64") : undefined,
    finishReason,
    usage: {
      promptTokenCount: prompt,
      candidatesTokenCount: candidates,
      thoughtsTokenCount: thoughts,
      cachedContentTokenCount: override?.cachedContentTokenCount,
      totalTokenCount: override?.totalTokenCount ?? prompt + candidates + (thoughts ?? 0),
    },
  };
}

/** usageMetadata as Gemini writes it: zero candidate counts and absent thoughts/cache are left out. */
function usageMetadata(usage: UsageMetadata, candidatesSoFar: number, isFinal: boolean): JsonObject {
  const candidates = isFinal ? usage.candidatesTokenCount : Math.min(candidatesSoFar, usage.candidatesTokenCount);
  const total = isFinal ? usage.totalTokenCount : usage.promptTokenCount + candidates + (usage.thoughtsTokenCount ?? 0);
  return {
    promptTokenCount: usage.promptTokenCount,
    ...(candidates > 0 ? { candidatesTokenCount: candidates } : {}),
    totalTokenCount: total,
    ...(usage.cachedContentTokenCount !== undefined ? { cachedContentTokenCount: usage.cachedContentTokenCount } : {}),
    promptTokensDetails: [{ modality: "TEXT", tokenCount: usage.promptTokenCount }],
    ...(usage.cachedContentTokenCount !== undefined
      ? { cacheTokensDetails: [{ modality: "TEXT", tokenCount: usage.cachedContentTokenCount }] }
      : {}),
    ...(usage.thoughtsTokenCount !== undefined ? { thoughtsTokenCount: usage.thoughtsTokenCount } : {}),
  };
}

/** Ratings where dangerous content is the one category that scored HIGH ("none": nothing did). */
function safetyRatings(level: "none" | "high" | "blocked"): JsonObject[] {
  return safetyCategories.map((category) => {
    if (category !== "HARM_CATEGORY_DANGEROUS_CONTENT" || level === "none")
      return { category, probability: "NEGLIGIBLE" };
    return level === "blocked" ? { category, probability: "HIGH", blocked: true } : { category, probability: "HIGH" };
  });
}

function candidateSafetyRatings(finishReason: string): JsonObject[] {
  return safetyRatings(finishReason === "SAFETY" ? "blocked" : "none");
}

function blockedPromptResponse(plan: GenerationPlan): JsonObject {
  return {
    promptFeedback: { blockReason: "SAFETY", safetyRatings: safetyRatings("high") },
    usageMetadata: usageMetadata(
      { ...plan.usage, candidatesTokenCount: 0, totalTokenCount: plan.usage.promptTokenCount },
      0,
      true,
    ),
    modelVersion: plan.modelVersion,
    responseId: plan.responseId,
  };
}

function functionCallParts(plan: GenerationPlan): JsonObject[] {
  return plan.functionCalls.map((call, index) => ({
    functionCall: { name: call.name, args: call.args },
    ...(index === 0 && plan.thoughtSignature !== undefined ? { thoughtSignature: plan.thoughtSignature } : {}),
  }));
}

function generateContentResponse(plan: GenerationPlan): JsonObject {
  if (plan.promptBlocked) return blockedPromptResponse(plan);
  const parts: JsonObject[] = [];
  if (plan.thoughtText !== undefined) parts.push({ text: plan.thoughtText, thought: true });
  if (plan.answerText.length > 0) parts.push({ text: plan.answerText });
  parts.push(...functionCallParts(plan));
  const withheld = withholdingFinishReasons.has(plan.finishReason);
  return {
    candidates: [
      {
        content: parts.length > 0 ? { parts, role: "model" } : { role: "model" },
        finishReason: plan.finishReason,
        index: 0,
        ...(withheld ? { safetyRatings: candidateSafetyRatings(plan.finishReason) } : {}),
      },
    ],
    usageMetadata: usageMetadata(plan.usage, plan.usage.candidatesTokenCount, true),
    modelVersion: plan.modelVersion,
    responseId: plan.responseId,
  };
}

/** The GenerateContentResponse frames of a streamed answer: thoughts, text pieces or calls, finishReason on the last. */
function streamFrames(plan: GenerationPlan): JsonObject[] {
  if (plan.promptBlocked) return [blockedPromptResponse(plan)];
  const frames: JsonObject[] = [];
  const frame = (parts: JsonObject[] | undefined, candidatesSoFar: number, finishReason?: string): void => {
    const isFinal = finishReason !== undefined;
    frames.push({
      candidates: [
        {
          content: parts ? { parts, role: "model" } : { role: "model" },
          ...(isFinal ? { finishReason } : {}),
          index: 0,
          ...(isFinal && withholdingFinishReasons.has(finishReason)
            ? { safetyRatings: candidateSafetyRatings(finishReason) }
            : {}),
        },
      ],
      usageMetadata: usageMetadata(plan.usage, candidatesSoFar, isFinal),
      modelVersion: plan.modelVersion,
      responseId: plan.responseId,
    });
  };
  if (plan.thoughtText !== undefined) {
    for (const piece of splitCodePoints(plan.thoughtText, thoughtPieceCodePoints))
      frame([{ text: piece, thought: true }], 0);
  }
  if (plan.functionCalls.length > 0) {
    frame(functionCallParts(plan), plan.usage.candidatesTokenCount);
    frame([{ text: "" }], plan.usage.candidatesTokenCount, plan.finishReason);
    return frames;
  }
  const withheld = withholdingFinishReasons.has(plan.finishReason);
  const pieces = plan.answerText.length > 0 ? splitCodePoints(plan.answerText, textPieceCodePoints) : [];
  let textSoFar = "";
  pieces.forEach((piece, index) => {
    textSoFar += piece;
    const isLast = index === pieces.length - 1;
    frame([{ text: piece }], estimateTokens(textSoFar), isLast && !withheld ? plan.finishReason : undefined);
  });
  if (withheld || pieces.length === 0) frame(undefined, plan.usage.candidatesTokenCount, plan.finishReason);
  return frames;
}

function embeddingVector(text: string, index: number, dimensions: number): number[] {
  const vector: number[] = [];
  let seed = index + 1;
  for (const character of text) seed = (seed * 31 + (character.codePointAt(0) ?? 0)) % 1_000_003;
  for (let position = 0; position < dimensions; position += 1) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    vector.push(Math.fround((seed / 2147483648) * 2 - 1));
  }
  return vector;
}

/** One EmbedContentRequest: its text and dimensions, after the checks Google makes. */
function embedRequestVector(
  request: unknown,
  where: string,
  modelResource: string,
  index: number,
  requireModel: boolean,
): number[] {
  if (!isObject(request))
    throw new InvalidArgument(`Invalid value at '${where}': an EmbedContentRequest is expected.`, where);
  checkFields(request, embedRequestFields, where || undefined);
  const model = request.model;
  if (requireModel && model === undefined)
    throw new InvalidArgument(`* BatchEmbedContentsRequest.${where}.model: Field required\n`, `${where}.model`);
  if (model !== undefined && model !== modelResource) {
    throw new InvalidArgument(
      `Model name in ${where || "the request"} (${String(model)}) does not match the model in the URL (${modelResource}).`,
      `${where}.model`,
    );
  }
  const content = request.content;
  checkContent(content, where ? `${where}.content` : "content", false);
  const dimensions = field(request, "outputDimensionality");
  return embeddingVector(
    partsText(content),
    index,
    typeof dimensions === "number" && dimensions > 0 ? dimensions : defaultEmbeddingDimensions,
  );
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonBody(response, status, body, { "content-type": "application/json; charset=UTF-8", ...headers });
}

const methodPattern = /^\/v1beta\/((?:models|tunedModels)\/[^/:]+):([A-Za-z]+)$/;

export async function startGeminiStandIn(): Promise<GeminiStandIn> {
  const requests: GeminiRecordedRequest[] = [];
  const queue: GeminiScriptedReply[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let keyInQueryTotal = 0;

  const enqueue = (reply: GeminiScriptedReply): void => {
    queue.push(reply);
  };
  const reset = (): void => {
    requests.length = 0;
    queue.length = 0;
  };

  function answerScriptedStatus(response: ServerResponse, status: number, reply: GeminiScriptedReply): void {
    const statusName = statusNameByCode[status] ?? (status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT");
    const body =
      reply.body ??
      googleError(status, messageByStatusName[statusName] ?? `The stand-in was told to answer ${status}.`);
    if (typeof body === "string") {
      response.writeHead(status, { "content-type": "text/plain", ...reply.headers });
      response.end(body);
    } else sendJson(response, status, body, reply.headers);
  }

  async function answerGenerate(
    request: IncomingMessage,
    response: ServerResponse,
    model: string,
    stream: boolean,
    sse: boolean,
    body: JsonObject,
    reply: GeminiScriptedReply | undefined,
  ): Promise<void> {
    const plan = planGeneration(model, body, reply);
    if (!stream) {
      if (reply?.cutAfterChunks !== undefined) {
        response.writeHead(200, { "content-type": "application/json; charset=UTF-8" });
        response.write('{\n  "candidates": [\n');
        response.flushHeaders();
        setTimeout(() => resetSocket(request.socket), 20);
        return;
      }
      sendJson(response, 200, generateContentResponse(plan), reply?.headers);
      return;
    }

    const terminator = reply?.lineEnding === "lf" ? "\n\n" : "\r\n\r\n";
    response.writeHead(200, {
      // Without alt=sse Gemini streams one JSON array, which an SSE reader cannot parse.
      "content-type": sse ? "text/event-stream" : "application/json; charset=UTF-8",
      "cache-control": "no-cache",
      ...reply?.headers,
    });
    response.flushHeaders();
    const frames = streamFrames(plan);
    let sent = 0;
    for (const frame of frames) {
      if (response.destroyed) return;
      if (reply?.cutAfterChunks !== undefined && sent >= reply.cutAfterChunks) {
        await cutStream(request.socket);
        return;
      }
      if (reply?.errorFrameAfterChunks !== undefined && sent >= reply.errorFrameAfterChunks) {
        const error = googleError(503, messageByStatusName.UNAVAILABLE);
        response.end(
          sse
            ? `data: ${JSON.stringify(error)}${terminator}`
            : `${sent === 0 ? "[" : ",\r\n"}${JSON.stringify(error)}]`,
        );
        return;
      }
      const text = sse
        ? `data: ${JSON.stringify(frame)}${terminator}`
        : `${sent === 0 ? "[" : ",\r\n"}${JSON.stringify(frame)}`;
      await writeFrame(response, text, reply?.splitFrameBytes === true);
      sent += 1;
      if (reply?.chunkIntervalMs) await sleep(reply.chunkIntervalMs);
    }
    if (reply?.cutAfterChunks !== undefined && sent >= reply.cutAfterChunks) {
      await cutStream(request.socket);
      return;
    }
    if (!response.destroyed) response.end(sse ? "" : "]");
  }

  function answerEmbeddings(
    response: ServerResponse,
    modelResource: string,
    batch: boolean,
    body: JsonObject,
    reply: GeminiScriptedReply | undefined,
  ): void {
    if (!batch) {
      sendJson(
        response,
        200,
        { embedding: { values: embedRequestVector(body, "", modelResource, 0, false) } },
        reply?.headers,
      );
      return;
    }
    checkFields(body, new Set(["requests"]), undefined);
    const batchRequests = body.requests;
    if (!Array.isArray(batchRequests) || batchRequests.length === 0) {
      throw new InvalidArgument("* BatchEmbedContentsRequest.requests: requests must not be empty\n", "requests");
    }
    const embeddings = batchRequests.map((item, index) => ({
      values: embedRequestVector(item, `requests[${index}]`, modelResource, index, true),
    }));
    sendJson(response, 200, { embeddings }, reply?.headers);
  }

  function handleControl(request: IncomingMessage, response: ServerResponse, path: string, rawBody: string): void {
    if (answerControl(request, response, path, rawBody, { requests, queue, enqueue, reset })) return;
    if (request.method === "GET" && path === "/__control/key-in-query") {
      sendJson(response, 200, { count: keyInQueryTotal });
    } else {
      sendJson(response, 404, { error: "unknown control route" });
    }
  }

  const connectionNumber = connectionNumbering();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const path = request.url ?? "/";
    const url = new URL(path, "http://stand-in.invalid");
    const pathname = url.pathname;
    if (pathname.startsWith("/__control/")) {
      handleControl(request, response, pathname, rawBody);
      return;
    }

    const { body, isJson: bodyIsJson } = parseRecordedBody(rawBody);
    const headers = flatHeaders(request);
    const keyInQuery = url.searchParams.has("key");
    if (keyInQuery) keyInQueryTotal += 1;
    const record: GeminiRecordedRequest = {
      method: request.method ?? "GET",
      path,
      headers,
      body,
      receivedAt: Date.now(),
      closedByCaller: false,
      connection: connectionNumber(request),
      keyInQuery,
    };
    requests.push(record);
    watchForHangUp(response, record);

    const reply = request.method === "POST" ? queue.shift() : undefined;
    if (!(await playConnectionFaults(request, reply, timers))) return;
    if (reply?.status !== undefined) {
      answerScriptedStatus(response, reply.status, reply);
      return;
    }

    if (!headers["x-goog-api-key"]) {
      sendJson(
        response,
        403,
        googleError(
          403,
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        ),
      );
      return;
    }
    const match = request.method === "POST" ? methodPattern.exec(pathname) : null;
    const method = match?.[2];
    if (
      !match ||
      method === undefined ||
      !["generateContent", "streamGenerateContent", "batchEmbedContents", "embedContent"].includes(method)
    ) {
      sendJson(response, 404, googleError(404, `Not found: ${request.method} ${pathname}`));
      return;
    }
    const modelResource = decodeURIComponent(match[1]);
    const model = modelResource.slice(modelResource.indexOf("/") + 1);
    if (!bodyIsJson || !isObject(body)) {
      sendJson(response, 400, googleError(400, "Invalid JSON payload received. Expected an object."));
      return;
    }
    try {
      if (method === "batchEmbedContents" || method === "embedContent") {
        answerEmbeddings(response, modelResource, method === "batchEmbedContents", body, reply);
        return;
      }
      validateGenerateRequest(body);
    } catch (error) {
      if (error instanceof InvalidArgument) {
        const violation = error.field
          ? { field: error.field, description: error.message }
          : { description: error.message };
        const details = error.message.startsWith("Invalid JSON payload")
          ? [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [violation] }]
          : undefined;
        sendJson(response, 400, googleError(400, error.message, details));
        return;
      }
      throw error;
    }
    await answerGenerate(
      request,
      response,
      model,
      method === "streamGenerateContent",
      url.searchParams.get("alt") === "sse",
      body,
      reply,
    );
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent && !response.destroyed)
        sendJson(response, 500, googleError(500, `Stand-in failure: ${String(error)}`));
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue,
    reset,
    keyInQueryCount: () => keyInQueryTotal,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
