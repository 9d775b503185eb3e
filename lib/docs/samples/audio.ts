// /docs/audio: text to speech saved to a file, and that file transcribed back (so that the sample brings its own
// audio). Models of their own: the docs' picker picks chat models.
import { curl, fixedModelSample, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

export const SPEECH_MODEL = "openai/tts-1";
export const TRANSCRIPTION_MODEL = "openai/whisper-1";
const TEXT = "Every train finds its track at the switchyard.";

export const samples = {
  speech: fixedModelSample(
    "audio/speech",
    ({ origin }) => ({
      curl: `${curl(origin, "audio/speech", { model: SPEECH_MODEL, voice: "alloy", input: TEXT })} \\
  --output speech.mp3
echo "saved speech.mp3"`,
      python: `${pythonClient(origin)}

with client.audio.speech.with_streaming_response.create(
    model=${literal(SPEECH_MODEL)},
    voice="alloy",
    input=${literal(TEXT)},
) as response:
    response.stream_to_file("speech.mp3")
print("saved speech.mp3")`,
      node: `import { writeFile } from "node:fs/promises";
${nodeClient(origin)}

const response = await client.audio.speech.create({
  model: ${literal(SPEECH_MODEL)},
  voice: "alloy",
  input: ${literal(TEXT)},
});
await writeFile("speech.mp3", Buffer.from(await response.arrayBuffer()));
console.log("saved speech.mp3");`,
    }),
    { all: /saved speech\.mp3/ },
  ),
  transcribe: fixedModelSample(
    "audio/transcribe",
    ({ origin }) => ({
      curl: `${curl(origin, "audio/speech", { model: SPEECH_MODEL, voice: "alloy", input: TEXT })} \\
  --output speech.mp3

curl ${origin}/v1/audio/transcriptions \\
  -H "Authorization: Bearer $SWITCHYARD_API_KEY" \\
  -F model=${TRANSCRIPTION_MODEL} \\
  -F file=@speech.mp3`,
      python: `${pythonClient(origin)}

with client.audio.speech.with_streaming_response.create(
    model=${literal(SPEECH_MODEL)}, voice="alloy", input=${literal(TEXT)}
) as response:
    response.stream_to_file("speech.mp3")

with open("speech.mp3", "rb") as audio:
    transcript = client.audio.transcriptions.create(model=${literal(TRANSCRIPTION_MODEL)}, file=audio)
print(transcript.text)`,
      node: `import { createReadStream } from "node:fs";
import { writeFile } from "node:fs/promises";
${nodeClient(origin)}

const speech = await client.audio.speech.create({ model: ${literal(SPEECH_MODEL)}, voice: "alloy", input: ${literal(TEXT)} });
await writeFile("speech.mp3", Buffer.from(await speech.arrayBuffer()));

const transcript = await client.audio.transcriptions.create({
  model: ${literal(TRANSCRIPTION_MODEL)},
  file: createReadStream("speech.mp3"),
});
console.log(transcript.text);`,
    }),
    // The test stand-in's transcript names the file it was sent.
    {
      curl: /"text":\s*"Stand-in transcript of speech\.mp3\./,
      python: /Stand-in transcript of speech\.mp3\./,
      node: /Stand-in transcript of speech\.mp3\./,
    },
  ),
} satisfies Record<string, SiteSample>;
