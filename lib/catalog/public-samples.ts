// The ready-to-run request on each model's page, in curl, Python and Node (the official OpenAI SDKs), pointed at this
// site's own origin, with the key read from $SWITCHYARD_API_KEY. Chat models call /v1/chat/completions, embedding
// models /v1/embeddings, image models /v1/images/generations, speech models /v1/audio/speech, transcription models
// /v1/audio/transcriptions (with an audio file the sample makes itself: a tone in a WAV file). Pure, so that a test can run every sample as printed.
import type { ModelKind } from "./public-models";

export interface ModelSample {
  /** "curl" | "python" | "node": what CodeTabs remembers the reader's choice by. */
  language: "curl" | "python" | "node";
  label: string;
  code: string;
}

export interface SampleOptions {
  /** Image models: a size the model offers (default 1024x1024). */
  imageSize?: string;
}

const CHAT_PROMPT = "Say hello in one short sentence.";
const EMBEDDING_INPUT = "Switchyard routes every request to the right model.";
const IMAGE_PROMPT = "A watercolor of a railway switchyard at dawn";
const SPEECH_INPUT = "Every train finds its track at the switchyard.";

/** JSON on one line, spaced as people write it: {"role": "user", "content": "Hi"}. */
function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value).map(([name, field]) => `${JSON.stringify(name)}: ${inlineJson(field)}`);
    return `{${fields.join(", ")}}`;
  }
  return JSON.stringify(value);
}

/**
 * A request body for curl's -d: one field a line, inside single quotes for the shell. A quote in a value would end
 * the quoting, so it is written '\'' (end, an escaped quote, start again).
 */
function shellQuoted(body: Record<string, unknown>): string {
  const fields = Object.entries(body).map(([name, field]) => `    ${JSON.stringify(name)}: ${inlineJson(field)}`);
  return `'${`{\n${fields.join(",\n")}\n  }`.replaceAll("'", `'\\''`)}'`;
}

/** A string literal for Python and JavaScript alike (JSON's escapes are valid in both). */
function literal(value: string): string {
  return JSON.stringify(value);
}

function curl(origin: string, path: string, body: Record<string, unknown>): string {
  return [
    `curl ${origin}/v1/${path} \\`,
    `  -H "Authorization: Bearer $SWITCHYARD_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d ${shellQuoted(body)}`,
  ].join("\n");
}

const pythonClient = (origin: string) => `import os
from openai import OpenAI

client = OpenAI(base_url=${literal(`${origin}/v1`)}, api_key=os.environ["SWITCHYARD_API_KEY"])`;

const nodeClient = (origin: string) => `import OpenAI from "openai";

const client = new OpenAI({ baseURL: ${literal(`${origin}/v1`)}, apiKey: process.env.SWITCHYARD_API_KEY });`;

function chatSamples(origin: string, model: string): ModelSample[] {
  const messages = [{ role: "user", content: CHAT_PROMPT }];
  return [
    { language: "curl", label: "curl", code: curl(origin, "chat/completions", { model, messages }) },
    {
      language: "python",
      label: "Python",
      code: `${pythonClient(origin)}
completion = client.chat.completions.create(
    model=${literal(model)},
    messages=[{"role": "user", "content": ${literal(CHAT_PROMPT)}}],
)
print(completion.choices[0].message.content)
print("cost (USD):", completion.usage.cost)`,
    },
    {
      language: "node",
      label: "Node",
      code: `${nodeClient(origin)}
const completion = await client.chat.completions.create({
  model: ${literal(model)},
  messages: [{ role: "user", content: ${literal(CHAT_PROMPT)} }],
});
console.log(completion.choices[0].message.content);
console.log("cost (USD):", completion.usage.cost);`,
    },
  ];
}

function embeddingSamples(origin: string, model: string): ModelSample[] {
  return [
    { language: "curl", label: "curl", code: curl(origin, "embeddings", { model, input: EMBEDDING_INPUT }) },
    {
      language: "python",
      label: "Python",
      code: `${pythonClient(origin)}
result = client.embeddings.create(model=${literal(model)}, input=${literal(EMBEDDING_INPUT)})
print(len(result.data[0].embedding), "dimensions")`,
    },
    {
      language: "node",
      label: "Node",
      code: `${nodeClient(origin)}
const result = await client.embeddings.create({ model: ${literal(model)}, input: ${literal(EMBEDDING_INPUT)} });
console.log(result.data[0].embedding.length, "dimensions");`,
    },
  ];
}

function imageSamples(origin: string, model: string, size: string): ModelSample[] {
  return [
    {
      language: "curl",
      label: "curl",
      code: curl(origin, "images/generations", { model, prompt: IMAGE_PROMPT, size, n: 1 }),
    },
    {
      language: "python",
      label: "Python",
      code: `import base64
${pythonClient(origin)}
result = client.images.generate(model=${literal(model)}, prompt=${literal(IMAGE_PROMPT)}, size=${literal(size)}, n=1)
image = result.data[0]
if image.b64_json:
    with open("image.png", "wb") as file:
        file.write(base64.b64decode(image.b64_json))
    print("saved image.png")
else:
    print(image.url)`,
    },
    {
      language: "node",
      label: "Node",
      code: `import { writeFile } from "node:fs/promises";
${nodeClient(origin)}
const result = await client.images.generate({ model: ${literal(model)}, prompt: ${literal(IMAGE_PROMPT)}, size: ${literal(size)}, n: 1 });
const image = result.data[0];
if (image.b64_json) {
  await writeFile("image.png", Buffer.from(image.b64_json, "base64"));
  console.log("saved image.png");
} else {
  console.log(image.url);
}`,
    },
  ];
}

function speechSamples(origin: string, model: string): ModelSample[] {
  return [
    {
      language: "curl",
      label: "curl",
      code: `${curl(origin, "audio/speech", { model, voice: "alloy", input: SPEECH_INPUT })} \\
  --output speech.mp3
echo "saved speech.mp3"`,
    },
    {
      language: "python",
      label: "Python",
      code: `${pythonClient(origin)}
with client.audio.speech.with_streaming_response.create(model=${literal(model)}, voice="alloy", input=${literal(SPEECH_INPUT)}) as response:
    response.stream_to_file("speech.mp3")
print("saved speech.mp3")`,
    },
    {
      language: "node",
      label: "Node",
      code: `import { writeFile } from "node:fs/promises";
${nodeClient(origin)}
const response = await client.audio.speech.create({ model: ${literal(model)}, voice: "alloy", input: ${literal(SPEECH_INPUT)} });
await writeFile("speech.mp3", Buffer.from(await response.arrayBuffer()));
console.log("saved speech.mp3");`,
    },
  ];
}

/** A second of a 440 Hz tone as a 16 kHz, 16-bit WAV file, written by a few lines of each language's standard library. */
function transcriptionSamples(origin: string, model: string): ModelSample[] {
  return [
    {
      language: "curl",
      label: "curl",
      code: `# tone.wav: any audio file of yours (flac, m4a, mp3, mp4, mpeg, mpga, oga, ogg, opus, wav, webm)
python3 -c 'import math, wave; w = wave.open("tone.wav", "wb"); w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000); w.writeframes(b"".join(int(8000 * math.sin(i / 16000 * 880 * math.pi)).to_bytes(2, "little", signed=True) for i in range(16000)))'
curl ${origin}/v1/audio/transcriptions \\
  -H "Authorization: Bearer $SWITCHYARD_API_KEY" \\
  -F model=${model} \\
  -F file=@tone.wav`,
    },
    {
      language: "python",
      label: "Python",
      code: `import math, wave
${pythonClient(origin)}
with wave.open("tone.wav", "wb") as tone:  # any audio file of yours will do
    tone.setnchannels(1)
    tone.setsampwidth(2)
    tone.setframerate(16000)
    tone.writeframes(b"".join(int(8000 * math.sin(i / 16000 * 880 * math.pi)).to_bytes(2, "little", signed=True) for i in range(16000)))
with open("tone.wav", "rb") as audio:
    transcript = client.audio.transcriptions.create(model=${literal(model)}, file=audio)
print(transcript.text)`,
    },
    {
      language: "node",
      label: "Node",
      code: `import { createReadStream } from "node:fs";
import { writeFile } from "node:fs/promises";
${nodeClient(origin)}
// tone.wav: a second of a 440 Hz tone (any audio file of yours will do)
const samples = Buffer.alloc(32000);
for (let i = 0; i < 16000; i++) samples.writeInt16LE(Math.round(8000 * Math.sin((i / 16000) * 880 * Math.PI)), i * 2);
const header = Buffer.alloc(44);
header.write("RIFF", 0); header.writeUInt32LE(36 + samples.length, 4); header.write("WAVEfmt ", 8);
header.writeUInt32LE(16, 16); header.writeUInt16LE(1, 20); header.writeUInt16LE(1, 22); header.writeUInt32LE(16000, 24);
header.writeUInt32LE(32000, 28); header.writeUInt16LE(2, 32); header.writeUInt16LE(16, 34);
header.write("data", 36); header.writeUInt32LE(samples.length, 40);
await writeFile("tone.wav", Buffer.concat([header, samples]));
const transcript = await client.audio.transcriptions.create({ model: ${literal(model)}, file: createReadStream("tone.wav") });
console.log(transcript.text);`,
    },
  ];
}

/**
 * The samples a model's page shows, for the sample-running test too: `origin` is the site's (no trailing slash),
 * `modelId` the catalog id.
 */
export function modelPageSamples(
  origin: string,
  modelId: string,
  kind: ModelKind = "chat",
  options: SampleOptions = {},
): ModelSample[] {
  if (kind === "embedding") return embeddingSamples(origin, modelId);
  if (kind === "image") return imageSamples(origin, modelId, options.imageSize ?? "1024x1024");
  if (kind === "speech") return speechSamples(origin, modelId);
  if (kind === "transcription") return transcriptionSamples(origin, modelId);
  return chatSamples(origin, modelId);
}
