// Requests fetch() cannot make: a Host header of our choosing, methods it refuses (TRACE, TRACK), paths it would
// normalise or re-encode, bodies sent slowly. Over node:http, to the app under test.
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { appBaseUrl } from "./app-client";

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method?: string;
  /** Sent exactly as written (no normalisation or re-encoding). */
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
}

/** One request on its own connection; resolves with the whole answer. */
export function rawRequest({ method = "GET", path, headers = {}, body }: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(appBaseUrl());
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: hostname, port, method, path, headers, agent: false }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** The headers of a RawAnswer as a Headers object, for the assertions written against fetch's answers. */
export function answerHeaders(answer: RawAnswer): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}
