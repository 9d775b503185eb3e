// The /v1 API as one table: each path, the handler of each method it serves, and what its other methods answer. Both
// serving paths are built from it, so they run the same functions: Next's route files under app/v1 (on Vercel, and
// with SWITCHYARD_V1_VIA_NEXT=1) take their exports from v1Route(), and npm start's server answers /v1 straight from
// v1Dispatcher() (direct-v1.ts) without Next's request handling. No Next import here: each path passes its own
// `schedule` (Next's after(), or the direct path's own list of work to finish).
import "../server-only";
import { GatewayError } from "./errors";
import { handleSpeech } from "./handlers/audio-speech";
import { handleTranscriptions } from "./handlers/audio-transcriptions";
import { handleChatCompletions } from "./handlers/chat-completions";
import { handleCompletions } from "./handlers/completions";
import { handleCountTokens } from "./handlers/count-tokens";
import { handleEmbeddings } from "./handlers/embeddings";
import { handleEstimate } from "./handlers/estimate";
import { handleGeneration } from "./handlers/generation";
import { handleImages } from "./handlers/images";
import { handleKey } from "./handlers/key";
import { handleMessages } from "./handlers/messages";
import { handleModels } from "./handlers/models";
import { handleCreateResponse, handleDeleteResponse, handleGetResponse } from "./handlers/responses";
import { optionsAnswer } from "./options-answer";
import {
  errorResponse,
  type GatewayHandler,
  methodNotAllowed,
  newRequestId,
  type PipelineOptions,
  withApiKey,
} from "./pipeline";

type Params = Record<string, string | string[] | undefined>;
/** A route handler as Next calls it: the request, and the path's dynamic segments. */
export type RouteHandler = (request: Request, context?: { params?: Promise<Params> }) => Promise<Response>;

/** The methods a /v1 route file exports (HEAD is GET's, as Next serves it). */
export type V1Methods = Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS", RouteHandler>;

type Served = "GET" | "POST" | "DELETE";
type Endpoint = { handler: GatewayHandler; options?: Omit<PipelineOptions, "schedule"> };

/**
 * Every /v1 path a handler serves. A path ending in `/*` takes the rest as the `id` segments (`models/*?` also serves
 * the path without them), as the folders [...id] and [[...id]] do for Next.
 */
const V1_TABLE = {
  "audio/speech": { POST: { handler: handleSpeech } },
  "audio/transcriptions": { POST: { handler: handleTranscriptions } },
  "chat/completions": { POST: { handler: handleChatCompletions } },
  completions: { POST: { handler: handleCompletions } },
  embeddings: { POST: { handler: handleEmbeddings } },
  estimate: { POST: { handler: handleEstimate } },
  "generation/*": { GET: { handler: handleGeneration } },
  "images/generations": { POST: { handler: handleImages } },
  key: { GET: { handler: handleKey } },
  messages: { POST: { handler: handleMessages, options: { errorShape: "anthropic" } } },
  "messages/count_tokens": { POST: { handler: handleCountTokens, options: { errorShape: "anthropic" } } },
  "models/*?": { GET: { handler: handleModels } },
  responses: { POST: { handler: handleCreateResponse } },
  "responses/*": {
    GET: { handler: handleGetResponse, options: { endpoint: "responses" } },
    DELETE: { handler: handleDeleteResponse, options: { endpoint: "responses" } },
  },
} satisfies Record<string, Partial<Record<Served, Endpoint>>>;

export type V1Path = keyof typeof V1_TABLE;

/** Where metering and other work after the response goes: Next's after(), or the direct path's own list. */
export type Schedule = (work: Promise<unknown>) => void;

/** One path's exports: its handlers keyed, the 405 for the methods it does not serve, and OPTIONS. */
export function v1Route(path: V1Path, schedule: Schedule): V1Methods {
  const endpoints: Partial<Record<Served, Endpoint>> = V1_TABLE[path];
  const served = (["GET", "POST", "DELETE"] as const).filter((method) => endpoints[method]);
  const refuse = methodNotAllowed(served.join(", "));
  // OPTIONS names HEAD beside GET, which answers it.
  const allow = served.flatMap((method) => (method === "GET" ? ["GET", "HEAD"] : [method])).join(", ");
  const handle = (method: Served): RouteHandler => {
    const endpoint = endpoints[method];
    return endpoint ? withApiKey(endpoint.handler, { ...endpoint.options, schedule }) : refuse;
  };
  return {
    GET: handle("GET"),
    POST: handle("POST"),
    DELETE: handle("DELETE"),
    PUT: refuse,
    PATCH: refuse,
    OPTIONS: optionsAnswer(allow),
  };
}

/** Any path under /v1 that no route serves, with any method: an OpenAI-shaped 404 with a request id. */
export async function unknownEndpoint(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  const headers = new Headers({ "x-request-id": newRequestId() });
  const message = `Unknown endpoint ${request.method} ${path}; see the API reference in the docs`;
  return errorResponse(new GatewayError("not_found", message), headers);
}

/** A request the table serves: the handler to call and its route context. */
export interface V1Match {
  handler: RouteHandler;
  context: { params: Promise<Params> };
}

/**
 * The table as one lookup, for a server that is not Next: the handler for a method and path exactly as one of
 * app/v1's route files would serve it (dynamic segments decoded, HEAD by GET's handler), or undefined for anything
 * else (unknown paths, a trailing slash, HEAD on a POST route), which that server leaves to Next, so that the odd cases
 * are answered by one piece of code whichever path serves the API.
 */
export function v1Dispatcher(schedule: Schedule): (method: string, pathname: string) => V1Match | undefined {
  const exact = new Map<string, Route>();
  const prefixed: Array<{ prefix: string; route: Route }> = [];
  for (const path of Object.keys(V1_TABLE) as V1Path[]) {
    // HEAD where GET is refused is Next's to answer, as it is for the route files.
    const methods: Route = { ...v1Route(path, schedule), HEAD: "GET" in V1_TABLE[path] };
    const wildcard = /\/\*(\?)?$/.exec(path);
    if (!wildcard) {
      exact.set(`/v1/${path}`, methods);
      continue;
    }
    const prefix = `/v1/${path.slice(0, wildcard.index)}`;
    prefixed.push({ prefix: `${prefix}/`, route: methods });
    if (wildcard[1] === "?") exact.set(prefix, methods);
  }
  const noParams = { params: Promise.resolve({}) };

  const handlerOf = (route: Route, method: string): RouteHandler | undefined => {
    if (method === "HEAD") return route.HEAD ? route.GET : undefined;
    return method in NEXT_EXPORTS ? route[method as keyof V1Methods] : undefined;
  };

  return (method, pathname) => {
    const route = exact.get(pathname);
    if (route) {
      const handler = handlerOf(route, method);
      return handler && { handler, context: noParams };
    }
    for (const { prefix, route } of prefixed) {
      if (!pathname.startsWith(prefix)) continue;
      const segments = pathname.slice(prefix.length).split("/");
      const handler = handlerOf(route, method);
      if (!handler || segments.includes("")) return undefined;
      return { handler, context: { params: Promise.resolve({ id: segments.map(decodeURIComponent) }) } };
    }
    return undefined;
  };
}

/** A route's exports, and whether it answers HEAD (by its GET handler). */
type Route = V1Methods & { HEAD: boolean };

const NEXT_EXPORTS: Record<keyof V1Methods, true> = {
  GET: true,
  POST: true,
  PUT: true,
  PATCH: true,
  DELETE: true,
  OPTIONS: true,
};
