// Memory back after a burst. V8 collects its old generation when allocation asks for room; a process that goes quiet
// after a burst allocates almost nothing, so the garbage of thousands of finished requests stays resident for a
// minute or more (measured: 865 MB after an overload, 778 MB a minute later, from 335 MB before it). And V8 gives
// its heap pages back to the system a step at a time, one collection after another. So when no request has arrived
// for a whole check interval and the heap has grown well past its low, the server collects, and goes on collecting
// at each quiet interval while that still shrinks the heap. It costs no request anything: none is running.
export interface HeapSize {
  /** Bytes in use. */
  used: number;
  /** Bytes the heap holds from the system. */
  total: number;
}

export interface IdleHeapReleaseOptions {
  /** Requests seen so far, served or refused (a counter); unchanged over an interval means the process was idle. */
  requests: () => number;
  heap: () => HeapSize;
  /** A full collection (Node's `gc`, with --expose-gc); absent, nothing is done. */
  collect: (() => void) | undefined;
  everyMs?: number;
  /** Growth of the heap in use over its low that makes a collection worth it. */
  growth?: number;
}

export function startIdleHeapRelease(options: IdleHeapReleaseOptions): { check(): boolean; stop(): void } {
  const { collect } = options;
  const growth = options.growth ?? 1.5;
  let lastSeen = options.requests();
  let low = options.heap().used;
  let shrinking = false;
  const check = (): boolean => {
    const seen = options.requests();
    const idle = seen === lastSeen;
    lastSeen = seen;
    const before = options.heap();
    if (!collect || !idle || (!shrinking && before.used < low * growth)) {
      // Busy, or nothing to gain: follow the heap down (V8's own collections), never up, so growth counts from a low.
      low = Math.min(low, before.used);
      return false;
    }
    collect();
    const after = options.heap();
    // Collect again next quiet interval only while a collection still gives back a twentieth of the heap.
    shrinking = after.total < before.total * 0.95;
    low = after.used;
    return true;
  };
  const timer = setInterval(check, options.everyMs ?? 5_000);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
