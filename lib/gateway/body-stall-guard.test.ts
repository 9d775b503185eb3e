import { describe, expect, it } from "vitest";
import { PROGRESS_BYTES, stallGuardedRead } from "./body-stall-guard";
import { GatewayError } from "./errors";

/** A body that sends `chunkBytes` every `everyMs`, `count` times, then ends. */
function trickle(chunkBytes: number, everyMs: number, count: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      if (sent === count) return controller.close();
      await new Promise((resolve) => setTimeout(resolve, everyMs));
      sent += 1;
      controller.enqueue(new Uint8Array(chunkBytes));
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>, timeoutMs: number): Promise<number> {
  const read = stallGuardedRead(stream.getReader(), timeoutMs);
  let bytes = 0;
  for (;;) {
    const { done, value } = await read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

describe("stallGuardedRead", () => {
  it("refuses a body trickled a byte at a time, though bytes keep coming, with request_timeout (408)", async () => {
    const started = Date.now();
    const failure = await readAll(trickle(1, 20, 1_000), 300).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GatewayError);
    expect((failure as GatewayError).code).toBe("request_timeout");
    expect((failure as GatewayError).status).toBe(408);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses a body that stops", async () => {
    const silent = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined) });
    await expect(readAll(silent, 200)).rejects.toMatchObject({ code: "request_timeout" });
  });

  it("lets a slow body through while it keeps delivering, and a small one that ends in time", async () => {
    // Each pause is under the limit only because each chunk is a full PROGRESS_BYTES.
    expect(await readAll(trickle(PROGRESS_BYTES, 150, 6), 250)).toBe(6 * PROGRESS_BYTES);
    expect(await readAll(trickle(10, 20, 5), 250)).toBe(50);
  });
});
