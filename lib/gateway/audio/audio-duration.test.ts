import { describe, expect, it } from "vitest";
import { lastCueEndSeconds, wavDurationSeconds } from "./audio-duration";

function wav(options: { sampleRate: number; channels: number; bits: number; dataBytes: number; declared?: number }) {
  const blockAlign = (options.channels * options.bits) / 8;
  const header = Buffer.alloc(44);
  header.write("RIFFxxxxWAVEfmt ", 0, "latin1");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(options.channels, 22);
  header.writeUInt32LE(options.sampleRate, 24);
  header.writeUInt32LE(options.sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(options.bits, 34);
  header.write("data", 36, "latin1");
  header.writeUInt32LE(options.declared ?? options.dataBytes, 40);
  return Buffer.concat([header, Buffer.alloc(options.dataBytes)]);
}

describe("wavDurationSeconds", () => {
  it("is the data bytes over the byte rate", () => {
    expect(wavDurationSeconds(wav({ sampleRate: 16_000, channels: 1, bits: 16, dataBytes: 48_000 }))).toBe(1.5);
    expect(wavDurationSeconds(wav({ sampleRate: 44_100, channels: 2, bits: 16, dataBytes: 176_400 }))).toBe(1);
  });

  it("counts only the bytes that are there, whatever the header claims (and a streamed WAV's size of 0)", () => {
    const claimsMore = wav({ sampleRate: 16_000, channels: 1, bits: 16, dataBytes: 32_000, declared: 3_200_000 });
    expect(wavDurationSeconds(claimsMore)).toBe(1);
    expect(wavDurationSeconds(wav({ sampleRate: 16_000, channels: 1, bits: 16, dataBytes: 64_000, declared: 0 }))).toBe(
      2,
    );
  });

  it("believes no header whose byte rate disagrees with its format, and measures nothing else", () => {
    const file = wav({ sampleRate: 16_000, channels: 1, bits: 16, dataBytes: 32_000 });
    file.writeUInt32LE(1_000_000, 28);
    expect(wavDurationSeconds(file)).toBeUndefined();
    expect(wavDurationSeconds(Buffer.from("ID3\u0003 an mp3 file, not measured"))).toBeUndefined();
    expect(wavDurationSeconds(Buffer.alloc(100))).toBeUndefined();
  });
});

describe("lastCueEndSeconds", () => {
  it("reads the last cue's end in SRT and WebVTT", () => {
    expect(lastCueEndSeconds("1\n00:00:00,000 --> 00:00:02,500\nHi\n\n2\n00:00:02,500 --> 01:02:03,250\nBye\n")).toBe(
      3723.25,
    );
    expect(lastCueEndSeconds("WEBVTT\n\n00:00.000 --> 00:04.100\nHi\n")).toBeCloseTo(4.1, 6);
    expect(lastCueEndSeconds("no cues")).toBeUndefined();
  });
});
