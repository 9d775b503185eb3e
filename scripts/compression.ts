// Compression for what browsers load from `npm start`: pages (HTML, and the RSC payloads of client navigations), JS,
// CSS, SVG and JSON, in brotli or gzip as the browser accepts (the `compression` middleware: Vary, thresholds, content
// types, and the `flush()` Next calls after each part of a streamed page, so a page's shell still arrives first).
// Not the API: /v1 answers are small JSON or event streams that must leave byte for byte as written, and compressing
// each would cost CPU on the hot path; /api/* is left alone for the same reason (its chats stream too). Nor any
// event stream, wherever it comes from. On Vercel this file is not used: its edge compresses.
import type { IncomingMessage, ServerResponse } from "node:http";
import { constants } from "node:zlib";
import compression from "compression";

/** Paths whose answers are never compressed: the API and the app's own JSON and streaming routes. */
export function isUncompressedPath(url: string): boolean {
  return /^\/(v1|api)(\/|\?|$)/.test(url);
}

const middleware = compression({
  // Brotli at 5: within a few per cent of its best on JS, at a fraction of the CPU of 11 (each answer is compressed as
  // it leaves; static chunks are cached by browsers for a year).
  brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  filter: (request, response) => {
    const type = String(response.getHeader("content-type") ?? "");
    if (type.startsWith("text/event-stream")) return false;
    return compression.filter(request, response);
  },
});

/**
 * Compresses the answer to `request` where that is wanted, then hands over to `next`. Only for requests that may be
 * compressed at all: the caller checks isUncompressedPath first, so the API pays nothing for this.
 */
export function compress(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  // The middleware's types are Express's; its code needs only Node's request and response.
  middleware(request as never, response as never, next);
}
