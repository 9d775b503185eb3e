// Talks to the stand-ins' control routes (OpenAI, Anthropic, Gemini: the same /__control/* on each). The stand-ins
// run in the global-setup process, so test files reach their recorded requests and fault queues over HTTP rather
// than through memory.
import { inject } from "vitest";
import type { AnthropicScriptedReply } from "./anthropic-stand-in";
import type { GeminiRecordedRequest, GeminiScriptedReply } from "./gemini-stand-in";
import type { RecordedRequest, ScriptedReply } from "./openai-stand-in";

export type { RecordedRequest, ScriptedReply } from "./openai-stand-in";
export type { AnthropicScriptedReply, AnthropicUsageOverride } from "./anthropic-stand-in";
export type { GeminiRecordedRequest, GeminiScriptedReply, GeminiUsageOverride } from "./gemini-stand-in";

/** What every stand-in offers: its recorded requests and its queue of scripted replies. */
export interface ControlClient<Reply, Recorded extends RecordedRequest> {
  /** Origin of the stand-in, e.g. "http://127.0.0.1:41234". */
  url: string;
  /** Every request the stand-in received since the last reset, oldest first. */
  requests: () => Promise<Recorded[]>;
  /** Script the next POSTs the stand-in answers, one reply each, in order. */
  enqueue: (...replies: Reply[]) => Promise<void>;
  /** Forget recorded requests and drop scripted replies not used yet. */
  reset: () => Promise<void>;
}

export interface StandInClient extends ControlClient<ScriptedReply, RecordedRequest> {
  /** The received POST /v1/chat/completions requests since the last reset. */
  chatRequests: () => Promise<RecordedRequest[]>;
  /** The received GET /v1/models requests (key checks) since the last reset. */
  modelListRequests: () => Promise<RecordedRequest[]>;
  /** From now until the next reset, every call with one of these keys answers 401 invalid_api_key. */
  revokeKeys: (keys: string[]) => Promise<void>;
}

export interface AnthropicStandInClient extends ControlClient<AnthropicScriptedReply, RecordedRequest> {
  /** The received POST /v1/messages requests since the last reset. */
  messagesRequests: () => Promise<RecordedRequest[]>;
}

export interface GeminiStandInClient extends ControlClient<GeminiScriptedReply, GeminiRecordedRequest> {
  /** The received generateContent and streamGenerateContent requests since the last reset. */
  generateRequests: () => Promise<GeminiRecordedRequest[]>;
  /** The received batchEmbedContents and embedContent requests since the last reset. */
  embedRequests: () => Promise<GeminiRecordedRequest[]>;
  /** Requests that carried the key as `?key=` since the stand-in started (not cleared by reset). */
  keyInQueryCount: () => Promise<number>;
}

async function expectOk(response: Response, what: string): Promise<void> {
  if (!response.ok) throw new Error(`stand-in ${what} failed: ${response.status} ${await response.text()}`);
}

function providedUrl(name: "standInUrl" | "anthropicStandInUrl" | "geminiStandInUrl"): string {
  const url = inject(name);
  if (!url) throw new Error(`${name} was not provided by the global setup; start that stand-in there`);
  return url;
}

function connectControl<Reply, Recorded extends RecordedRequest>(url: string): ControlClient<Reply, Recorded> {
  return {
    url,
    requests: async () => {
      const response = await fetch(`${url}/__control/requests`);
      await expectOk(response, "requests");
      return (await response.json()) as Recorded[];
    },
    enqueue: async (...replies) => {
      const response = await fetch(`${url}/__control/enqueue`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(replies),
      });
      await expectOk(response, "enqueue");
    },
    reset: async () => {
      const response = await fetch(`${url}/__control/reset`, { method: "POST" });
      await expectOk(response, "reset");
    },
  };
}

function pathOf(request: RecordedRequest): string {
  return request.path.split("?")[0];
}

export function connectStandIn(url: string = providedUrl("standInUrl")): StandInClient {
  const control = connectControl<ScriptedReply, RecordedRequest>(url);
  return {
    ...control,
    chatRequests: async () =>
      (await control.requests()).filter(
        (request) => request.method === "POST" && pathOf(request) === "/v1/chat/completions",
      ),
    modelListRequests: async () =>
      (await control.requests()).filter((request) => request.method === "GET" && pathOf(request) === "/v1/models"),
    revokeKeys: async (keys) => {
      const response = await fetch(`${url}/__control/revoked-keys`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(keys),
      });
      await expectOk(response, "revoked-keys");
    },
  };
}

export function connectAnthropicStandIn(url: string = providedUrl("anthropicStandInUrl")): AnthropicStandInClient {
  const control = connectControl<AnthropicScriptedReply, RecordedRequest>(url);
  return {
    ...control,
    messagesRequests: async () =>
      (await control.requests()).filter((request) => request.method === "POST" && pathOf(request) === "/v1/messages"),
  };
}

export function connectGeminiStandIn(url: string = providedUrl("geminiStandInUrl")): GeminiStandInClient {
  const control = connectControl<GeminiScriptedReply, GeminiRecordedRequest>(url);
  const withMethod = async (methods: string[]): Promise<GeminiRecordedRequest[]> =>
    (await control.requests()).filter(
      (request) => request.method === "POST" && methods.some((method) => pathOf(request).endsWith(`:${method}`)),
    );
  return {
    ...control,
    generateRequests: () => withMethod(["generateContent", "streamGenerateContent"]),
    embedRequests: () => withMethod(["batchEmbedContents", "embedContent"]),
    keyInQueryCount: async () => {
      const response = await fetch(`${url}/__control/key-in-query`);
      await expectOk(response, "key-in-query");
      return ((await response.json()) as { count: number }).count;
    },
  };
}
