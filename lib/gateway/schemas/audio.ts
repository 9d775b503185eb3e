// The public wire formats of POST /v1/audio/speech (JSON) and POST /v1/audio/transcriptions (multipart form fields).
import { z } from "zod";

export const speechRequestSchema = z.looseObject({
  model: z.string().min(1),
  // OpenAI's limit: 4096 characters.
  input: z.string().min(1).max(4096),
  // A built-in voice's name, or a custom voice as {id}.
  voice: z.union([z.string().min(1), z.looseObject({ id: z.string().min(1) })]),
  instructions: z.string().max(4096).optional(),
  response_format: z.enum(["mp3", "opus", "aac", "flac", "wav", "pcm"]).optional(),
  speed: z.number().min(0.25).max(4).optional(),
  stream_format: z.enum(["audio", "sse"]).optional(),
});

export type SpeechRequest = z.infer<typeof speechRequestSchema>;

export const SPEECH_FIELD_RULES: Record<string, string> = {
  model: "a speech model id such as openai/tts-1",
  input: "the text to speak: a non-empty string of at most 4096 characters",
  voice: "a voice name such as alloy, or {id} of a custom voice",
  instructions: "a string of at most 4096 characters",
  response_format: "one of mp3, opus, aac, flac, wav, pcm",
  speed: "a number from 0.25 to 4",
  stream_format: '"audio" or "sse"',
};

export const TRANSCRIPTION_FORMATS = ["json", "text", "srt", "verbose_json", "vtt", "diarized_json"] as const;
export type TranscriptionFormat = (typeof TRANSCRIPTION_FORMATS)[number];

/** OpenAI's list; a file is recognised by its name's extension, as OpenAI does. */
export const AUDIO_FILE_EXTENSIONS = ["flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "oga", "opus", "wav", "webm"];

/** The form fields that are checked here (multipart values are text; numbers are parsed). */
export const transcriptionFieldsSchema = z.looseObject({
  model: z.string().min(1),
  response_format: z.enum(TRANSCRIPTION_FORMATS).optional(),
  language: z.string().min(1).max(20).optional(),
  prompt: z.string().optional(),
  temperature: z.coerce.number().min(0).max(1).optional(),
  // The SDK always sends stream=false; a streamed transcription is not served (yet).
  stream: z.enum(["false"]).optional(),
});

export const TRANSCRIPTION_FIELD_RULES: Record<string, string> = {
  model: "a transcription model id such as openai/whisper-1",
  file: `an audio file (${AUDIO_FILE_EXTENSIONS.join(", ")})`,
  response_format: TRANSCRIPTION_FORMATS.join(", "),
  language: "an ISO-639-1 language code such as en",
  prompt: "a string",
  temperature: "a number from 0 to 1",
  stream: "false: streamed transcriptions are not served by this gateway",
};
