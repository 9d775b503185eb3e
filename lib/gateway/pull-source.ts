// A body's source, handed to npm start's node:http adapter beside the Response that wraps it. The relay of an upstream
// stream is a pull source (one pull per upstream read); on Next's path it is read through the Response's WHATWG
// ReadableStream, and on the direct path (node-adapter.ts) the adapter calls the same pull() and cancel() itself,
// writing each chunk as it comes: the same code decides every frame, without a web stream's read, pull and promise
// hops per chunk in between (measured: the largest cost of a 50-chunk stream after the chunks' own work). A JSON
// answer's text goes the same way: the adapter writes the text the Response was made from instead of reading it back
// out of the Response's body stream (measured: 2.4% of a request's CPU).

export interface PullController {
  enqueue(chunk: Uint8Array): void;
  close(): void;
}

export interface PullSource {
  /** Enqueues at least one chunk, or closes; the adapter calls it again once the chunks are written. */
  pull(controller: PullController): Promise<void> | void;
  /** The client went away. */
  cancel(): Promise<void> | void;
}

// A registered symbol: the relay runs in Next's copy of lib/ and the adapter in the server's own.
const PULL_SOURCE = Symbol.for("switchyard.pullSource");

/** Marks a Response whose body is `source` behind a `new ReadableStream(source, { highWaterMark: 0 })`. */
export function withPullSource(response: Response, source: PullSource): Response {
  (response as Response & { [PULL_SOURCE]?: PullSource })[PULL_SOURCE] = source;
  return response;
}

export function pullSourceOf(response: Response): PullSource | undefined {
  return (response as Response & { [PULL_SOURCE]?: PullSource })[PULL_SOURCE];
}

const BODY_TEXT = Symbol.for("switchyard.bodyText");

/** Marks a Response made from `text` (`new Response(text, …)`), so that the adapter can write the text itself. */
export function withBodyText(response: Response, text: string): Response {
  (response as Response & { [BODY_TEXT]?: string })[BODY_TEXT] = text;
  return response;
}

/** The text a Response was made from, while its body has not been read. */
export function bodyTextOf(response: Response): string | undefined {
  if (response.bodyUsed) return undefined;
  return (response as Response & { [BODY_TEXT]?: string })[BODY_TEXT];
}
