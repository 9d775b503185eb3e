// Audio: POST /v1/audio/speech (the upstream's audio relayed as it comes, charged per input character) and POST
// /v1/audio/transcriptions (a multipart upload, charged per second of audio), driven through the official SDK.
import { request } from "node:http";
import type OpenAI from "openai";
import { toFile } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appBaseUrl, expectOpenAIError, gatewayClient, parseJson, send, type RawResponse } from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, requestLogs, type MintedKey } from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";
import { speechAudio } from "./support/openai-audio-stand-in";
import { requestBodyTimeoutMs, upstreamOpenAIKey } from "./support/test-environment";

const standIn = connectStandIn();
let account: MintedKey;
let client: OpenAI;

beforeAll(async () => {
  account = await createKey({ credits: 5 });
  client = gatewayClient(account.key);
});

beforeEach(async () => {
  await standIn.reset();
});

afterAll(async () => {
  await standIn.reset();
  await closeDatabase();
});

/** A PCM WAV file: 16 kHz, mono, 16-bit, `seconds` long (a byte rate of 32,000). */
function wav(seconds: number): Buffer {
  const dataBytes = Math.round(seconds * 16_000) * 2;
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write("WAVEfmt ", 8, "latin1");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(16_000, 24);
  header.writeUInt32LE(32_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "latin1");
  header.writeUInt32LE(dataBytes, 40);
  return Buffer.concat([header, Buffer.alloc(dataBytes, 1)]);
}

/** What the account was charged by its requests since `before`, once the ledger has it. */
async function expectCharged(before: bigint, micros: bigint): Promise<void> {
  await expect.poll(async () => before - (await balanceMicros(account.userId)), { timeout: 5_000 }).toBe(micros);
}

async function lastLog() {
  const rows = await requestLogs(account.userId);
  return rows[rows.length - 1];
}

function postForm(form: FormData, key = account.key): Promise<RawResponse> {
  return fetch(`${appBaseUrl()}/v1/audio/transcriptions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  }).then(async (response) => ({ status: response.status, headers: response.headers, text: await response.text() }));
}

function form(fields: Record<string, string>, file?: { bytes: Buffer; name: string }): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  if (file) body.append("file", new Blob([new Uint8Array(file.bytes)]), file.name);
  return body;
}

const INPUT = "Hello, Switchyard!";
// tts-1 lists at $15 per 1M characters: 18 characters are 270 micro-USD.
const SPEECH_MICROS = 270n;

describe("speech", () => {
  it("streams the upstream's audio through the SDK, with its content type, charged per input character", async () => {
    const before = await balanceMicros(account.userId);
    const response = await client.audio.speech.create({ model: "openai/tts-1", voice: "alloy", input: INPUT });
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    expect(response.headers.get("x-switchyard-cost-usd")).toBe("0.000270");
    expect(response.headers.get("x-switchyard-model")).toBe("openai/tts-1");
    const audio = Buffer.from(await response.arrayBuffer());
    expect(audio.equals(Buffer.concat(speechAudio(INPUT)))).toBe(true);
    const [upstream] = await standIn.requests();
    expect(upstream.path).toBe("/v1/audio/speech");
    expect(upstream.headers.authorization).toBe(`Bearer ${upstreamOpenAIKey}`);
    expect(upstream.body).toEqual({ model: "tts-1", voice: "alloy", input: INPUT });
    await expectCharged(before, SPEECH_MICROS);
    const row = await lastLog();
    expect([row.model, row.status, row.costMicros]).toEqual(["openai/tts-1", 200, SPEECH_MICROS]);
  });

  it("passes the format on and answers with its content type", async () => {
    const before = await balanceMicros(account.userId);
    const response = await client.audio.speech.create({
      model: "openai/tts-1",
      voice: "nova",
      input: INPUT,
      response_format: "wav",
      speed: 1.25,
    });
    expect(response.headers.get("content-type")).toBe("audio/wav");
    expect((await response.arrayBuffer()).byteLength).toBe(4 * 16 * 1024);
    const [upstream] = await standIn.requests();
    expect(upstream.body).toMatchObject({ response_format: "wav", speed: 1.25, voice: "nova" });
    await expectCharged(before, SPEECH_MICROS);
  });

  it("sends the first audio bytes before the upstream has finished (no buffering), and charges a hang-up once", async () => {
    await standIn.enqueue({ stallAfterChunks: 1 });
    const before = await balanceMicros(account.userId);
    const response = await fetch(`${appBaseUrl()}/v1/audio/speech`, {
      method: "POST",
      headers: { authorization: `Bearer ${account.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "openai/tts-1", voice: "alloy", input: INPUT }),
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let received = 0;
    while (received < 16 * 1024) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the stream ended while the upstream was still stalled");
      received += value.byteLength;
    }
    // The upstream is still holding its second piece: what arrived was relayed, not buffered.
    expect(received).toBe(16 * 1024);
    await reader.cancel();
    await expect.poll(async () => (await standIn.requests())[0]?.closedByCaller, { timeout: 5_000 }).toBe(true);
    await expectCharged(before, SPEECH_MICROS);
    await expect.poll(async () => (await lastLog()).errorCode, { timeout: 5_000 }).toBe("client_closed");
  });

  it("fails over after an upstream 500 and charges once", async () => {
    await standIn.enqueue({ status: 500 });
    const before = await balanceMicros(account.userId);
    const response = await client.audio.speech.create({ model: "openai/tts-1", voice: "alloy", input: INPUT });
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
    expect(Buffer.from(await response.arrayBuffer()).length).toBe(4 * 16 * 1024);
    await expectCharged(before, SPEECH_MICROS);
  });

  it("returns the upstream's 400 without retrying or charging, and the key serves the next request", async () => {
    await standIn.enqueue({
      status: 400,
      body: { error: { message: "Invalid voice 'robot'.", type: "invalid_request_error", param: "voice", code: null } },
    });
    const before = await balanceMicros(account.userId);
    const response = await send("/v1/audio/speech", {
      apiKey: account.key,
      body: { model: "openai/tts-1", voice: "robot", input: INPUT },
    });
    expect(response.status, response.text).toBe(400);
    expect(parseJson(response)).toMatchObject({ error: { message: expect.stringContaining("Invalid voice") } });
    expect(await standIn.requests()).toHaveLength(1);
    const next = await client.audio.speech.create({ model: "openai/tts-1", voice: "alloy", input: INPUT });
    expect(next.headers.get("x-switchyard-attempts")).toBe("1");
    await next.arrayBuffer();
    await expectCharged(before, SPEECH_MICROS);
  });

  it("charges nothing when every attempt fails", async () => {
    await standIn.enqueue({ status: 500 }, { status: 500 }, { status: 500 });
    const before = await balanceMicros(account.userId);
    const response = await send("/v1/audio/speech", {
      apiKey: account.key,
      body: { model: "openai/tts-1", voice: "alloy", input: INPUT },
    });
    expectOpenAIError(response, 502, "upstream_error");
    await expect.poll(async () => (await lastLog()).status, { timeout: 5_000 }).toBe(502);
    expect(await balanceMicros(account.userId)).toBe(before);
  });

  it("refuses what it cannot serve with OpenAI-shaped 4xx", async () => {
    const post = (body: unknown) => send("/v1/audio/speech", { apiKey: account.key, body });
    expectOpenAIError(await post({ model: "openai/tts-1", voice: "alloy" }), 400, "missing_field", "input");
    expectOpenAIError(await post({ model: "openai/tts-1", input: INPUT }), 400, "missing_field", "voice");
    expectOpenAIError(
      await post({ model: "openai/tts-1", voice: "alloy", input: "x".repeat(4097) }),
      400,
      "invalid_value",
      "input",
    );
    expectOpenAIError(
      await post({ model: "openai/tts-1", voice: "alloy", input: INPUT, speed: 9 }),
      400,
      "invalid_value",
      "speed",
    );
    expectOpenAIError(
      await post({ model: "openai/no-such-tts", voice: "alloy", input: INPUT }),
      404,
      "model_not_found",
    );
    expectOpenAIError(
      await post({ model: "openai/gpt-4o-mini", voice: "a", input: INPUT }),
      400,
      "invalid_value",
      "model",
    );
    expectOpenAIError(
      await post({ model: "openai/whisper-1", voice: "a", input: INPUT }),
      400,
      "invalid_value",
      "model",
    );
    expectOpenAIError(await send("/v1/audio/speech", { apiKey: account.key, body: "{not json" }), 400, "invalid_json");
    expect(await standIn.requests()).toHaveLength(0);
  });
});

describe("transcriptions", () => {
  // whisper-1 lists at $0.006 a minute: 100 micro-USD a second.
  it("uploads the file through the SDK and charges the length the upstream reports", async () => {
    const audio = wav(10.4);
    const before = await balanceMicros(account.userId);
    const { data, response } = await client.audio.transcriptions
      .create({ model: "openai/whisper-1", file: await toFile(audio, "speech.wav", { type: "audio/wav" }) })
      .withResponse();
    expect(data.text).toBe("Stand-in transcript of speech.wav.");
    // The stand-in reports whole seconds in json (11), as OpenAI's usage of type duration does.
    expect(response.headers.get("x-switchyard-cost-usd")).toBe("0.001100");
    expect(data.usage).toMatchObject({ type: "duration", seconds: 11, cost: 0.0011 });
    const [upstream] = await standIn.requests();
    expect(upstream.path).toBe("/v1/audio/transcriptions");
    expect(upstream.headers.authorization).toBe(`Bearer ${upstreamOpenAIKey}`);
    const { createHash } = await import("node:crypto");
    expect(upstream.body).toEqual({
      fields: { model: "whisper-1" },
      file: {
        name: "speech.wav",
        type: "audio/wav",
        bytes: audio.length,
        sha256: createHash("sha256").update(audio).digest("hex"),
      },
    });
    await expectCharged(before, 1_100n);
    const row = await lastLog();
    expect([row.model, row.status, row.costMicros]).toEqual(["openai/whisper-1", 200, 1_100n]);
  });

  it("verbose_json: the upstream's usage in seconds is what is billed (before its exact duration)", async () => {
    const before = await balanceMicros(account.userId);
    const data = await client.audio.transcriptions.create({
      model: "openai/whisper-1",
      file: await toFile(wav(10.4), "speech.wav"),
      response_format: "verbose_json",
      timestamp_granularities: ["segment"],
    });
    expect(data.duration).toBeCloseTo(10.4, 5);
    expect(data.segments?.[0].text).toBe(" Stand-in transcript of speech.wav.");
    await expectCharged(before, 1_100n);
    const [upstream] = await standIn.requests();
    expect(upstream.body).toMatchObject({
      fields: { response_format: "verbose_json", "timestamp_granularities[]": "segment" },
    });
  });

  it("text: answered as plain text, asked upstream as json so that the length is known", async () => {
    const before = await balanceMicros(account.userId);
    const { data, response } = await client.audio.transcriptions
      .create({ model: "openai/whisper-1", file: await toFile(wav(10.4), "speech.wav"), response_format: "text" })
      .withResponse();
    expect(data).toBe("Stand-in transcript of speech.wav.\n");
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const [upstream] = await standIn.requests();
    expect(upstream.body).toMatchObject({ fields: { response_format: "json" } });
    await expectCharged(before, 1_100n);
  });

  it("srt and vtt: relayed as written, charged to the end of the last cue", async () => {
    // Not a WAV, so not measured here: the stand-in reads 48,000 bytes as 3 s of 128 kbit/s MP3.
    const mp3 = Buffer.alloc(48_000, 7);
    const before = await balanceMicros(account.userId);
    const srt = await client.audio.transcriptions.create({
      model: "openai/whisper-1",
      file: await toFile(mp3, "clip.mp3"),
      response_format: "srt",
    });
    expect(srt).toBe("1\n00:00:00,000 --> 00:00:03,000\nStand-in transcript of clip.mp3.\n\n");
    const vtt = await client.audio.transcriptions.create({
      model: "openai/whisper-1",
      file: await toFile(mp3, "clip.mp3"),
      response_format: "vtt",
    });
    expect(vtt).toBe("WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nStand-in transcript of clip.mp3.\n\n");
    await expectCharged(before, 600n);
  });

  it("a token-billed model is charged from its audio tokens at 1,000 a minute", async () => {
    // gpt-4o-mini-transcribe: $0.003 a minute. 10.4 s → 173 audio tokens → 10.38 s → 10 s → 500 micro-USD.
    const before = await balanceMicros(account.userId);
    const data = await client.audio.transcriptions.create({
      model: "openai/gpt-4o-mini-transcribe",
      file: await toFile(wav(10.4), "speech.wav"),
    });
    expect(data.usage).toMatchObject({ type: "tokens", input_token_details: { audio_tokens: 173 } });
    await expectCharged(before, 500n);
  });

  it("fails over after an upstream 500, sending the same upload again, and charges once", async () => {
    await standIn.enqueue({ status: 500 });
    const before = await balanceMicros(account.userId);
    const { response } = await client.audio.transcriptions
      .create({ model: "openai/whisper-1", file: await toFile(wav(2), "speech.wav") })
      .withResponse();
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
    const [first, second] = await standIn.requests();
    expect(second.body).toEqual(first.body);
    await expectCharged(before, 200n);
  });

  it("refuses a bad upload with OpenAI-shaped 4xx, before any upstream call", async () => {
    const audio = { bytes: wav(1), name: "speech.wav" };
    expectOpenAIError(await postForm(form({ model: "openai/whisper-1" })), 400, "missing_field", "file");
    expectOpenAIError(await postForm(form({}, audio)), 400, "missing_field", "model");
    expectOpenAIError(
      await postForm(form({ model: "openai/whisper-1" }, { bytes: Buffer.from("hello"), name: "notes.txt" })),
      400,
      "invalid_value",
      "file",
    );
    expectOpenAIError(
      await postForm(form({ model: "openai/whisper-1", response_format: "xml" }, audio)),
      400,
      "invalid_value",
      "response_format",
    );
    expectOpenAIError(
      await postForm(form({ model: "openai/whisper-1", stream: "true" }, audio)),
      400,
      "invalid_value",
      "stream",
    );
    expectOpenAIError(await postForm(form({ model: "openai/nope" }, audio)), 404, "model_not_found");
    expectOpenAIError(await postForm(form({ model: "openai/tts-1" }, audio)), 400, "invalid_value", "model");
    expectOpenAIError(
      await send("/v1/audio/transcriptions", { apiKey: account.key, body: { model: "openai/whisper-1" } }),
      400,
      "invalid_value",
      "file",
    );
    expect(await standIn.requests()).toHaveLength(0);
  });

  it("reserves a WAV file's own length, and any other file's size at 16 kbit/s", async () => {
    // 1 cent of credit: 100 s of whisper-1.
    const small = await createKey({ credits: 0.01 });
    const smallClient = gatewayClient(small.key);
    // 250,000 bytes of MP3 may be 125 s at 16 kbit/s: 12,500 micro-USD is more than the account holds.
    const refused = await postForm(
      form({ model: "openai/whisper-1" }, { bytes: Buffer.alloc(250_000, 7), name: "a.mp3" }),
      small.key,
    );
    expectOpenAIError(refused, 402, "insufficient_credits");
    // 30 s of WAV is known to be 30 s: 3,100 micro-USD held, 3,000 charged.
    await smallClient.audio.transcriptions.create({
      model: "openai/whisper-1",
      file: await toFile(wav(30), "long.wav"),
    });
    await expect.poll(async () => balanceMicros(small.userId), { timeout: 5_000 }).toBe(10_000n - 3_000n);
  });

  it("refuses a file over 25 MB with 413", async () => {
    const big = form({ model: "openai/whisper-1" }, { bytes: Buffer.alloc(25 * 1024 * 1024 + 1), name: "big.wav" });
    const response = await postForm(big);
    expectOpenAIError(response, 413, "request_too_large");
    expect(parseJson(response)).toMatchObject({ error: { param: "file" } });
    expect(await standIn.requests()).toHaveLength(0);
  });
});

describe("uploads that stall, and estimates", () => {
  it("answers 408 to an upload that stops arriving, without waiting for the rest", async () => {
    const { hostname, port } = new URL(appBaseUrl());
    const started = Date.now();
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const outgoing = request(
        {
          host: hostname,
          port,
          method: "POST",
          path: "/v1/audio/transcriptions",
          headers: {
            authorization: `Bearer ${account.key}`,
            "content-type": "multipart/form-data; boundary=stall",
            "content-length": 1_000_000,
          },
        },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => {
            outgoing.destroy();
            resolve({ status: response.statusCode ?? 0, text });
          });
        },
      );
      outgoing.on("error", reject);
      outgoing.write(
        `--stall\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n\r\n${"x".repeat(4096)}`,
      );
    });
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: "request_timeout" } });
    expect(Date.now() - started).toBeLessThan(requestBodyTimeoutMs + 5_000);
  });

  it("estimates speech by its characters and transcription by its seconds", async () => {
    const estimate = (body: unknown) => send("/v1/estimate", { apiKey: account.key, body });
    const speech = parseJson(await estimate({ model: "openai/tts-1", input: INPUT }));
    expect(speech).toMatchObject({ estimated_cost_usd: 0.00027, breakdown: { characters: 18 } });
    const transcription = parseJson(await estimate({ model: "openai/whisper-1", seconds: 90 }));
    expect(transcription).toMatchObject({
      estimated_cost_usd: 0.009,
      breakdown: { seconds: 90, usd_per_minute: 0.006 },
    });
    expectOpenAIError(await estimate({ model: "openai/whisper-1" }), 400, "missing_field", "seconds");
  });
});
