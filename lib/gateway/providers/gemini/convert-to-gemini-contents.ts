// OpenAI chat messages → Gemini `contents` + `systemInstruction`.
import { z } from "zod";
import { GatewayError } from "../../errors";
import type { ChatRequestBody } from "../../schemas/chat";
import type { GeminiContent, GeminiGenerateContentRequest, GeminiPart } from "./gemini-api";

type ChatMessage = ChatRequestBody["messages"][number];

// The public schema checks only role and content; the fields a translation needs are read through these loose
// schemas so that a malformed field is skipped instead of crashing the request.
const textPartSchema = z.looseObject({ type: z.literal("text"), text: z.string() });
const imagePartSchema = z.looseObject({
  type: z.literal("image_url"),
  image_url: z.union([z.string(), z.looseObject({ url: z.string() })]),
});
const audioPartSchema = z.looseObject({
  type: z.literal("input_audio"),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});
const toolCallSchema = z.looseObject({
  id: z.string(),
  function: z.looseObject({ name: z.string(), arguments: z.string().optional() }),
});
const assistantFieldsSchema = z.looseObject({ tool_calls: z.array(z.unknown()).nullish() });
const toolFieldsSchema = z.looseObject({ tool_call_id: z.string().optional(), name: z.string().optional() });

/**
 * Gemini 3 rejects a replayed functionCall that lacks the thought signature it was generated with. OpenAI's wire
 * format has nowhere to carry that signature, so we send the sentinel Google documents for history it did not sign
 * (https://ai.google.dev/gemini-api/docs/thought-signatures). Only the first call of a turn needs one; earlier
 * models do not validate signatures, so they are left without.
 */
export const SKIP_THOUGHT_SIGNATURE = "skip_thought_signature_validator";

function requiresThoughtSignatures(upstreamModel: string): boolean {
  const version = /gemini-(\d+)/.exec(upstreamModel);
  return version !== null && Number(version[1]) >= 3;
}

const IMAGE_TYPES_BY_EXTENSION: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  heic: "image/heic",
  heif: "image/heif",
  pdf: "application/pdf",
};

/** Gemini wants a MIME type for a file URL; the extension is all we know without fetching it. */
function guessMimeType(url: string): string {
  let pathname = url;
  try {
    pathname = new URL(url).pathname;
  } catch {
    // not an absolute URL: read the extension from the text itself
  }
  const extension = /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase();
  return (extension && IMAGE_TYPES_BY_EXTENSION[extension]) || "image/jpeg";
}

/** A file uploaded through Gemini's Files API: the only URL Gemini fetches as fileData for the key's own project. */
const GEMINI_FILE_URI = /^https:\/\/generativelanguage\.googleapis\.com\/v1(?:beta)?\/files\/[a-z0-9-]+$/i;

/**
 * An image as Gemini takes it: inline bytes from a data: URL, or a Files API URI. Any other URL is refused here: Gemini
 * does not fetch web URLs, and answers a fileUri it cannot read with 403 PERMISSION_DENIED, which reads like a
 * refused key.
 */
function imagePart(url: string, param: string): GeminiPart {
  const dataUrl = /^data:([^;,]+)((?:;[^;,]*)*),(.*)$/s.exec(url);
  if (dataUrl) {
    const [, mimeType, parameters, payload] = dataUrl;
    // A data: URL without ;base64 carries percent-encoded bytes; Gemini only takes base64.
    const data = parameters.includes(";base64") ? payload : Buffer.from(decodeURIComponent(payload)).toString("base64");
    return { inlineData: { mimeType, data } };
  }
  if (GEMINI_FILE_URI.test(url)) return { fileData: { mimeType: guessMimeType(url), fileUri: url } };
  throw new GatewayError(
    "invalid_value",
    "Gemini models take images as data: URLs (base64) or Gemini Files API URIs " +
      "(https://generativelanguage.googleapis.com/v1beta/files/…), not web URLs: download the image and send it as a data: URL",
    { param },
  );
}

/** `at` names the message for errors ("messages[2]"). */
function contentParts(content: ChatMessage["content"], at = "messages"): GeminiPart[] {
  if (typeof content === "string") return content.length > 0 ? [{ text: content }] : [];
  if (!Array.isArray(content)) return [];
  const parts: GeminiPart[] = [];
  for (const [index, part] of content.entries()) {
    const text = textPartSchema.safeParse(part);
    if (text.success) {
      parts.push({ text: text.data.text });
      continue;
    }
    const image = imagePartSchema.safeParse(part);
    if (image.success) {
      const imageUrl = image.data.image_url;
      parts.push(
        imagePart(typeof imageUrl === "string" ? imageUrl : imageUrl.url, `${at}.content[${index}].image_url`),
      );
      continue;
    }
    const audio = audioPartSchema.safeParse(part);
    if (audio.success)
      parts.push({
        inlineData: { mimeType: `audio/${audio.data.input_audio.format}`, data: audio.data.input_audio.data },
      });
    // Anything else (refusal parts, unknown types) has no Gemini equivalent and is left out.
  }
  return parts;
}

function textOf(content: ChatMessage["content"]): string {
  return contentParts(content)
    .map((part) => part.text ?? "")
    .join("");
}

function parseArguments(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : { value: parsed };
  } catch {
    // A model can emit arguments that are not JSON; replaying them as text keeps the history faithful.
    return { arguments: text };
  }
}

/** Gemini's functionResponse.response must be a JSON object: an object result is sent as is, anything else wrapped. */
function toolResponse(content: ChatMessage["content"]): Record<string, unknown> {
  const text = textOf(content);
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // plain text result
  }
  return { content: text };
}

type ConvertedMessages = Pick<GeminiGenerateContentRequest, "contents" | "systemInstruction">;

export function convertToGeminiContents(messages: ChatMessage[], upstreamModel: string): ConvertedMessages {
  const systemTexts: string[] = [];
  const contents: GeminiContent[] = [];
  // Gemini names the function in a functionResponse; OpenAI only gives the id of the call it answers.
  const toolNamesById = new Map<string, string>();
  const signFirstCall = requiresThoughtSignatures(upstreamModel);

  const append = (role: GeminiContent["role"], parts: GeminiPart[]) => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    // Gemini expects turns to alternate; consecutive messages of one role (parallel tool results, a user message
    // after them) become one turn.
    if (last && last.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };

  for (const [index, message] of messages.entries()) {
    const at = `messages[${index}]`;
    switch (message.role) {
      case "system":
      case "developer": {
        const text = textOf(message.content);
        if (text) systemTexts.push(text);
        break;
      }
      case "user":
        append("user", contentParts(message.content, at));
        break;
      case "assistant": {
        const parts = contentParts(message.content).filter((part) => part.text !== undefined);
        const toolCalls = (assistantFieldsSchema.safeParse(message).data?.tool_calls ?? []).flatMap((call) => {
          const parsed = toolCallSchema.safeParse(call);
          return parsed.success ? [parsed.data] : [];
        });
        toolCalls.forEach((call, position) => {
          toolNamesById.set(call.id, call.function.name);
          const part: GeminiPart = {
            functionCall: { name: call.function.name, args: parseArguments(call.function.arguments) },
          };
          if (signFirstCall && position === 0) part.thoughtSignature = SKIP_THOUGHT_SIGNATURE;
          parts.push(part);
        });
        append("model", parts);
        break;
      }
      case "tool": {
        const fields = toolFieldsSchema.safeParse(message).data;
        const callId = fields?.tool_call_id ?? "";
        const name = toolNamesById.get(callId) ?? fields?.name ?? callId;
        append("user", [{ functionResponse: { name, response: toolResponse(message.content) } }]);
        break;
      }
    }
  }

  const converted: ConvertedMessages = { contents };
  if (systemTexts.length > 0) {
    if (contents.length === 0) {
      // Gemini refuses a request without contents; a system-only prompt (valid for OpenAI) is sent as the user turn.
      contents.push({ role: "user", parts: systemTexts.map((text) => ({ text })) });
    } else {
      converted.systemInstruction = { parts: systemTexts.map((text) => ({ text })) };
    }
  }
  return converted;
}
