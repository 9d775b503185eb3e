import { describe, expect, it } from "vitest";
import { testModel, testProvider } from "../../catalog/public-test-catalog";
import { billedSeconds, speechCharacters, speechCost, transcriptionCost } from "./audio-price";

const openai = testProvider("openai", "OpenAI", 1);

describe("audio prices", () => {
  it("prices speech per character, counting code points, with the markup", () => {
    // $15 per 1M characters is 15 micro-USD a character.
    const tts = testModel("openai/tts-1", openai, { kind: "speech", prices: { audio: 15_000_000n, markupBps: 0 } });
    expect(speechCharacters("héllo 👋")).toBe(7);
    expect(speechCost(tts, 18)).toBe(270n);
    const marked = { ...tts, prices: { ...tts.prices, markupBps: 1_000 } };
    expect(speechCost(marked, 18)).toBe(297n);
  });

  it("prices transcription per minute, by the second rounded to the nearest, at least one", () => {
    // $0.006 a minute is 100 micro-USD a second.
    const whisper = testModel("openai/whisper-1", openai, {
      kind: "transcription",
      prices: { audio: 6_000n, markupBps: 0 },
    });
    expect(billedSeconds(10.4)).toBe(10);
    expect(billedSeconds(10.5)).toBe(11);
    expect(billedSeconds(0.2)).toBe(1);
    expect(transcriptionCost(whisper, 10.4)).toBe(1_000n);
    expect(transcriptionCost(whisper, 60)).toBe(6_000n);
    // One rounding, after the markup: $0.003 a minute, 1 s, 5% → 52.5 → 53.
    const mini = { ...whisper, prices: { ...whisper.prices, audio: 3_000n, markupBps: 500 } };
    expect(transcriptionCost(mini, 1)).toBe(53n);
  });
});
