// POST /v1/audio/transcriptions: a multipart upload of one audio file, answered in the format asked (json, text, srt,
// verbose_json, vtt, diarized_json); charged per minute of audio, by the second.
//
// The length charged is, in this order: what the upstream reports (verbose_json's `duration`, or `usage` of type
// duration), the audio tokens it reports at OpenAI's rate of 1,000 a minute (its per-minute prices for the gpt-4o
// transcribe models are its token prices at that rate), the file's own length (PCM WAV, measured here), the end of
// the last cue (srt, vtt). `text` is asked upstream as `json`, which carries the usage, and answered as text.
// Only when none of these is known is the reserve charged. The reserve is the file's measured length, else its size at
// 16 kbit/s; the charge never exceeds it (no request spends more than it reserved).
import { catalogFor } from "../../byo/account-catalog";
import { env } from "../../env";
import { microsToUsd, minMicros } from "../../money";
import { GatewayError } from "../errors";
import { jsonResponse, readBodyBytes, type GatewayContext } from "../pipeline";
import { noteRequestedModel, resolveModels } from "../resolve-models";
import { type Candidate, orderCandidates } from "../routing/candidates";
import { dispatch } from "../routing/dispatch";
import { attemptText } from "../routing/upstream-attempt";
import { unreadableAnswer } from "../routing/attempt-failure";
import {
  AUDIO_FILE_EXTENSIONS,
  TRANSCRIPTION_FIELD_RULES,
  transcriptionFieldsSchema,
  type TranscriptionFormat,
} from "../schemas/audio";
import { validate } from "../schemas/validate";
import { isMultipart, parseMultipart } from "../audio/multipart-body";
import { lastCueEndSeconds, WORST_CASE_BYTES_PER_SECOND, wavDurationSeconds } from "../audio/audio-duration";
import { billedSeconds, transcriptionCost } from "../metering/audio-price";
import { beginPaidRequest } from "./paid-request";

/** Room for the form's other fields and the multipart framing around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
/** OpenAI: the gpt-4o transcribe models' per-minute prices are their audio token prices at 1,000 tokens a minute. */
const AUDIO_TOKENS_PER_MINUTE = 1_000;

export async function handleTranscriptions(context: GatewayContext): Promise<Response> {
  const contentType = context.request.headers.get("content-type") ?? "";
  if (!isMultipart(contentType)) {
    throw new GatewayError(
      "invalid_value",
      "POST /v1/audio/transcriptions takes multipart/form-data: the audio as `file`, and `model`",
      { param: "file" },
    );
  }
  const limit = env().MAX_AUDIO_UPLOAD_BYTES;
  const tooLarge = () =>
    new GatewayError("request_too_large", `The audio file is larger than the limit of ${limit} bytes`, {
      param: "file",
    });
  const upload = await parseMultipart(
    await readBodyBytes(context.request, limit + FORM_OVERHEAD_BYTES, tooLarge),
    contentType,
  );
  const raw = Object.fromEntries(upload.fields);
  noteRequestedModel(context, raw);
  const fields = validate(transcriptionFieldsSchema, raw, ["model"], TRANSCRIPTION_FIELD_RULES);
  const file = upload.files.get("file");
  if (!file) {
    throw new GatewayError("missing_field", `Missing required parameter: 'file' (${TRANSCRIPTION_FIELD_RULES.file})`, {
      param: "file",
    });
  }
  if (file.bytes.byteLength > limit) throw tooLarge();
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (file.bytes.byteLength === 0 || !extension || !AUDIO_FILE_EXTENSIONS.includes(extension)) {
    throw new GatewayError(
      "invalid_value",
      `Invalid file format. Supported formats: ${AUDIO_FILE_EXTENSIONS.join(", ")} (recognised by the file name)`,
      { param: "file" },
    );
  }
  const [model] = resolveModels(await catalogFor(context.principal), [fields.model], context, "transcription");

  const measured = wavDurationSeconds(file.bytes);
  const reserveSeconds =
    measured !== undefined
      ? billedSeconds(measured) + 1
      : Math.ceil(file.bytes.byteLength / WORST_CASE_BYTES_PER_SECOND);
  const reserve = transcriptionCost(model, reserveSeconds);
  const format: TranscriptionFormat = fields.response_format ?? "json";
  const { file: _file, ...logged } = raw;
  const paid = await beginPaidRequest(context, {
    endpoint: "audio.transcriptions",
    stream: false,
    requestedModel: model.id,
    reserveMicros: reserve,
    reserveTokens: 0,
    prompt: { ...logged, file: { name: file.name, bytes: file.bytes.byteLength } },
  });
  try {
    // `text` is asked as `json`: the same transcript, with the usage that says how long the audio was.
    const upstreamFields = upload.fields
      .filter(([name]) => name !== "model")
      .map(([name, value]): [string, string] => [
        name,
        name === "response_format" && value === "text" ? "json" : value,
      ]);
    const result = await dispatch(orderCandidates([model]), env().MAX_ATTEMPTS, paid.signal, (candidate) =>
      attemptText(candidate, paid.signal, env().UPSTREAM_TIMEOUT_MS, (adapter, target) => {
        if (!adapter.buildTranscriptionRequest) notServed(candidate);
        return adapter.buildTranscriptionRequest({ ...target, fields: upstreamFields, file });
      }).then((answer) => readAnswer(answer, format)),
    );
    if (!result.ok) return paid.fail(result.error, result.attempts);
    const answer = result.value;
    const seconds = answer.reportedSeconds ?? measured ?? answer.cueEndSeconds;
    const cost = minMicros(seconds === undefined ? reserve : transcriptionCost(model, seconds), reserve);
    const charged = paid.meter.finish({
      status: 200,
      model,
      providerId: result.candidate.deployment.provider.id,
      upstreamModel: result.candidate.deployment.upstreamModel,
      costMicros: cost,
      usageSource: answer.reportedSeconds !== undefined ? "reported" : "estimated",
      attempts: result.attempts,
    });
    paid.served(result.candidate, result.attempts.length, charged);
    paid.detach();
    if (answer.json) {
      const usage = answer.json.usage;
      if (usage && typeof usage === "object") answer.json.usage = { ...usage, cost: microsToUsd(charged) };
      if (format !== "text") return jsonResponse(answer.json, 200, context.headers);
      // As OpenAI answers `text`: the transcript and a line break, as plain text.
      context.headers.set("content-type", "text/plain; charset=utf-8");
      return new Response(`${answer.json.text}\n`, { status: 200, headers: context.headers });
    }
    context.headers.set("content-type", answer.contentType || "text/plain; charset=utf-8");
    return new Response(answer.text, { status: 200, headers: context.headers });
  } catch (error) {
    return paid.fail(error);
  }
}

interface TranscriptionAnswer {
  /** The JSON answer (json, verbose_json, diarized_json, and text as asked upstream). */
  json?: Record<string, unknown> & { text?: unknown; usage?: unknown };
  /** A text answer (srt, vtt) as the upstream wrote it. */
  text: string;
  contentType: string;
  reportedSeconds?: number;
  cueEndSeconds?: number;
}

/** Read inside the attempt, so that an answer that cannot be read counts as that upstream's failure. */
function readAnswer(answer: { text: string; contentType: string }, format: TranscriptionFormat): TranscriptionAnswer {
  if (format === "srt" || format === "vtt") {
    return { ...answer, cueEndSeconds: lastCueEndSeconds(answer.text) };
  }
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    throw unreadableAnswer("the upstream answered a transcription with a body that is not JSON");
  }
  if (!json || typeof json !== "object" || typeof (json as { text?: unknown }).text !== "string")
    throw unreadableAnswer("the upstream answered a transcription without its text");
  const record = json as TranscriptionAnswer["json"] & { duration?: unknown };
  return { ...answer, json: record, reportedSeconds: reportedSeconds(record) };
}

function reportedSeconds(json: { duration?: unknown; usage?: unknown }): number | undefined {
  const finite = (value: unknown) =>
    typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
  const usage = (json.usage ?? {}) as Record<string, unknown>;
  if (usage.type === "duration" && finite(usage.seconds) !== undefined) return finite(usage.seconds);
  if (finite(json.duration) !== undefined) return finite(json.duration);
  if (usage.type === "tokens") {
    const details = (usage.input_token_details ?? {}) as Record<string, unknown>;
    const audioTokens = finite(details.audio_tokens);
    if (audioTokens !== undefined) return (audioTokens * 60) / AUDIO_TOKENS_PER_MINUTE;
  }
  return undefined;
}

/** 501 for a deployment whose adapter has no transcription wire format. */
function notServed(candidate: Candidate): never {
  throw new GatewayError("not_implemented", `${candidate.deployment.provider.name} serves no transcription`);
}
