// The stand-in's audio endpoints, in OpenAI's wire format: POST /v1/audio/speech answers audio bytes in pieces (the
// content type of the format asked), POST /v1/audio/transcriptions reads a multipart upload and answers json, text,
// srt, verbose_json or vtt. The audio's length is what a WAV file's header says (else its size at 128 kbit/s), and it is
// reported as OpenAI does: whisper-1 in seconds, the gpt-4o transcribe models in tokens (1,000 a minute).
import type { IncomingMessage, ServerResponse } from "node:http";
import { cutStream, sleep } from "./stand-in-http";
import type { JsonObject } from "./stand-in-json";

export interface AudioReply {
  cutAfterChunks?: number;
  stallAfterChunks?: number;
  chunkIntervalMs?: number;
  headers?: Record<string, string>;
}

const SPEECH_TYPES: Record<string, string> = {
  mp3: "audio/mpeg",
  opus: "audio/opus",
  aac: "audio/aac",
  flac: "audio/flac",
  wav: "audio/wav",
  pcm: "audio/pcm",
};

export const SPEECH_CHUNKS = 4;

/** The audio the stand-in "speaks": SPEECH_CHUNKS pieces of 16 KiB, each filled with a byte that says its place. */
export function speechAudio(input: string): Buffer[] {
  return Array.from({ length: SPEECH_CHUNKS }, (_, index) => {
    const piece = Buffer.alloc(16 * 1024, 0x41 + index);
    piece.write(`${index}:${input.slice(0, 32)}`, 0, "utf8");
    return piece;
  });
}

export async function answerSpeech(
  request: IncomingMessage,
  response: ServerResponse,
  body: JsonObject,
  reply: AudioReply | undefined,
  sendError: (status: number, message: string, param: string | null) => void,
): Promise<void> {
  if (typeof body.input !== "string" || body.input.length === 0) return sendError(400, "'input' is required", "input");
  if (body.voice === undefined) return sendError(400, "'voice' is required", "voice");
  const format = typeof body.response_format === "string" ? body.response_format : "mp3";
  response.writeHead(200, { "content-type": SPEECH_TYPES[format] ?? "audio/mpeg", ...reply?.headers });
  response.flushHeaders();
  for (const [index, piece] of speechAudio(body.input).entries()) {
    if (response.destroyed) return;
    if (reply?.cutAfterChunks !== undefined && index >= reply.cutAfterChunks) return cutStream(request.socket);
    if (reply?.stallAfterChunks !== undefined && index >= reply.stallAfterChunks) {
      await new Promise<void>((resolve) => response.once("close", () => resolve()));
      return;
    }
    await new Promise<void>((resolve) => response.write(piece, () => resolve()));
    if (reply?.chunkIntervalMs) await sleep(reply.chunkIntervalMs);
  }
  response.end();
}

export interface UploadRecord {
  fields: Record<string, string | string[]>;
  file?: { name: string; type: string; bytes: number; sha256: string };
}

/** What a multipart upload held, for the request log (and for answering it). */
export async function readUpload(
  bytes: Buffer,
  contentType: string,
): Promise<{ record: UploadRecord; file?: Buffer; fileName?: string }> {
  const form = await new Response(new Uint8Array(bytes), { headers: { "content-type": contentType } }).formData();
  const record: UploadRecord = { fields: {} };
  let file: Buffer | undefined;
  let fileName: string | undefined;
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") {
      const previous = record.fields[name];
      record.fields[name] = previous === undefined ? value : [...[previous].flat(), value];
    } else {
      file = Buffer.from(await value.arrayBuffer());
      fileName = value.name;
      const { createHash } = await import("node:crypto");
      record.file = {
        name: value.name,
        type: value.type,
        bytes: file.length,
        sha256: createHash("sha256").update(file).digest("hex"),
      };
    }
  }
  return { record, file, fileName };
}

/** Seconds of audio: a WAV header's data size over its byte rate, else the size at 128 kbit/s. */
export function standInDuration(file: Buffer): number {
  if (file.length >= 44 && file.toString("latin1", 0, 4) === "RIFF") {
    const byteRate = file.readUInt32LE(28);
    const dataSize = file.readUInt32LE(40);
    return Math.min(dataSize, file.length - 44) / byteRate;
  }
  return file.length / 16_000;
}

const EXTENSIONS = ["flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "oga", "opus", "wav", "webm"];

function timestamp(seconds: number, separator: "," | "."): string {
  const millis = Math.round(seconds * 1000);
  const parts = [Math.floor(millis / 3_600_000), Math.floor(millis / 60_000) % 60, Math.floor(millis / 1000) % 60];
  return `${parts.map((part) => String(part).padStart(2, "0")).join(":")}${separator}${String(millis % 1000).padStart(3, "0")}`;
}

type Answer = { status: number; json: unknown } | { status: 200; text: string; type: string };

const refusal = (status: number, message: string, param: string | null): Answer => ({
  status,
  json: { error: { message, type: "invalid_request_error", param, code: null } },
});

export function answerTranscription(
  response: ServerResponse,
  upload: { record: UploadRecord; file?: Buffer; fileName?: string },
  sendJson: (status: number, body: unknown) => void,
): void {
  const answer = transcriptionAnswer(upload);
  if ("json" in answer) sendJson(answer.status, answer.json);
  else {
    response.writeHead(200, { "content-type": answer.type });
    response.end(answer.text);
  }
}

function transcriptionAnswer(upload: { record: UploadRecord; file?: Buffer; fileName?: string }): Answer {
  const { fields } = upload.record;
  const model = typeof fields.model === "string" ? fields.model : undefined;
  if (!model) return refusal(400, "you must provide a model parameter", "model");
  if (!upload.file || !upload.fileName) return refusal(400, "'file' is a required property", "file");
  const extension = /\.([a-z0-9]+)$/i.exec(upload.fileName)?.[1]?.toLowerCase() ?? "";
  if (!EXTENSIONS.includes(extension))
    return refusal(400, `Invalid file format. Supported formats: ${JSON.stringify(EXTENSIONS)}`, "file");
  const format = typeof fields.response_format === "string" ? fields.response_format : "json";
  const whisper = model === "whisper-1";
  if (!whisper && format !== "json" && format !== "text")
    return refusal(400, `response_format '${format}' is not compatible with model '${model}'`, "response_format");
  const duration = standInDuration(upload.file);
  const text = `Stand-in transcript of ${upload.fileName}.`;
  const audioTokens = Math.round((duration * 1000) / 60);
  const usage = whisper
    ? { type: "duration", seconds: Math.ceil(duration) }
    : {
        type: "tokens",
        input_tokens: audioTokens + 5,
        input_token_details: { text_tokens: 5, audio_tokens: audioTokens },
        output_tokens: 12,
        total_tokens: audioTokens + 17,
      };
  if (format === "text") return { status: 200, text: `${text}\n`, type: "text/plain; charset=utf-8" };
  if (format === "srt") {
    const cue = `${timestamp(0, ",")} --> ${timestamp(duration, ",")}`;
    return { status: 200, text: `1\n${cue}\n${text}\n\n`, type: "text/plain" };
  }
  if (format === "vtt") {
    const cue = `${timestamp(0, ".")} --> ${timestamp(duration, ".")}`;
    return { status: 200, text: `WEBVTT\n\n${cue}\n${text}\n\n`, type: "text/vtt" };
  }
  if (format !== "verbose_json") return { status: 200, json: { text, usage } };
  const segment = {
    id: 0,
    seek: 0,
    start: 0,
    end: duration,
    text: ` ${text}`,
    tokens: [50364, 400, 50464],
    temperature: 0,
    avg_logprob: -0.2,
    compression_ratio: 0.9,
    no_speech_prob: 0.01,
  };
  return { status: 200, json: { task: "transcribe", language: "english", duration, text, segments: [segment], usage } };
}
