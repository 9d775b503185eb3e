// A client that sends its body slowly, or stops, holds a connection and an in-flight slot for as long as the server
// lets it (Node's own limit is 300 s). The body must keep coming: at least PROGRESS_BYTES in every `timeoutMs`, or the
// read fails with 408. Bytes are counted, not reads: an idle timer alone is reset by a trickle of one byte a second.
import { GatewayError } from "./errors";

export const PROGRESS_BYTES = 1024;

export type BodyRead = () => Promise<ReadableStreamReadResult<Uint8Array>>;

/** Wraps `reader.read()`; once the body stalls, the reader is cancelled and every read rejects with request_timeout. */
export function stallGuardedRead(reader: ReadableStreamDefaultReader<Uint8Array>, timeoutMs: number): BodyRead {
  let sinceProgress = 0;
  let failStalled!: (error: GatewayError) => void;
  const stalled = new Promise<never>((_resolve, reject) => (failStalled = reject));
  // Nobody may be reading when the timer fires (the caller stopped at a size limit): not an unhandled rejection.
  stalled.catch(() => undefined);
  const timer = setTimeout(() => {
    const message = `The request body stalled: less than ${PROGRESS_BYTES} bytes arrived in ${timeoutMs} ms`;
    failStalled(new GatewayError("request_timeout", message));
    void reader.cancel().catch(() => undefined);
  }, timeoutMs);
  // The stream ending for any reason (read to the end, cancelled, errored) ends the watch.
  const stop = () => clearTimeout(timer);
  reader.closed.then(stop, stop);
  return async () => {
    const chunk = await Promise.race([reader.read(), stalled]);
    if (chunk.done) {
      stop();
    } else {
      sinceProgress += chunk.value.byteLength;
      if (sinceProgress >= PROGRESS_BYTES) {
        sinceProgress = 0;
        timer.refresh();
      }
    }
    return chunk;
  };
}
