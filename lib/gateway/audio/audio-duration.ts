// How long a piece of audio is, from what can be trusted cheaply. Transcriptions are charged by the minute, so the
// length must come from somewhere a client cannot shorten: the upstream's own report first (audio-usage.ts), else these.
//
// Only PCM WAV is measured from the file itself: its length is its data bytes over its byte rate, and a header whose
// byte rate disagrees with its sample rate, channels and sample size is not believed. Compressed formats carry their
// length in metadata a client can write anything into (an MP3's Xing frame count, an Ogg granule), so they are not
// measured: the reserve falls back to the file's size at a low bit rate (WORST_CASE_BYTES_PER_SECOND).

/** 16 kbit/s: below what the accepted formats hold speech at in practice (Opus voice is ~16–24, MP3 ≥ 32). */
export const WORST_CASE_BYTES_PER_SECOND = 2_000;

/** Seconds of PCM audio in a WAV file, or undefined when it is not one (or its header does not add up). */
export function wavDurationSeconds(bytes: Uint8Array): number | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < 44 || view.toString("latin1", 0, 4) !== "RIFF" || view.toString("latin1", 8, 12) !== "WAVE")
    return undefined;
  let byteRate: number | undefined;
  for (let offset = 12; offset + 8 <= view.length; ) {
    const id = view.toString("latin1", offset, offset + 4);
    const size = view.readUInt32LE(offset + 4);
    const start = offset + 8;
    if (id === "fmt " && start + 16 <= view.length) {
      const format = view.readUInt16LE(start);
      const channels = view.readUInt16LE(start + 2);
      const sampleRate = view.readUInt32LE(start + 4);
      const declaredByteRate = view.readUInt32LE(start + 8);
      const blockAlign = view.readUInt16LE(start + 12);
      const bitsPerSample = view.readUInt16LE(start + 14);
      // 1: integer PCM, 3: float PCM, 0xFFFE: extensible (PCM in practice).
      const pcm = format === 1 || format === 3 || format === 0xfffe;
      const consistent =
        channels > 0 &&
        sampleRate > 0 &&
        bitsPerSample % 8 === 0 &&
        blockAlign === (channels * bitsPerSample) / 8 &&
        declaredByteRate === sampleRate * blockAlign;
      if (!pcm || !consistent) return undefined;
      byteRate = declaredByteRate;
    } else if (id === "data") {
      if (byteRate === undefined) return undefined;
      // Streamed WAVs write 0 or 0xFFFFFFFF as the size: what is there is what counts, and never more than that.
      const present = view.length - start;
      const dataBytes = size === 0 || size === 0xffffffff ? present : Math.min(size, present);
      return dataBytes / byteRate;
    }
    offset = start + size + (size % 2);
  }
  return undefined;
}

/** Where the last cue of an SRT or WebVTT transcript ends, in seconds (a lower bound of the audio's length). */
export function lastCueEndSeconds(subtitles: string): number | undefined {
  let end: number | undefined;
  for (const match of subtitles.matchAll(/-->\s*(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{3})/g)) {
    const [, hours, minutes, seconds, millis] = match;
    const value = Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(millis) / 1000;
    end = Math.max(end ?? 0, value);
  }
  return end;
}
