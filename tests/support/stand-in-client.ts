// Talks to the OpenAI stand-in's control routes. The stand-in runs in the global-setup process, so test
// files reach its recorded requests and its fault queue over HTTP rather than through memory.
import { inject } from "vitest";
import type { RecordedRequest, ScriptedReply } from "./openai-stand-in";

export type { RecordedRequest, ScriptedReply } from "./openai-stand-in";

export interface StandInClient {
  /** Origin of the stand-in, e.g. "http://127.0.0.1:41234". */
  url: string;
  /** Every request the stand-in received since the last reset, oldest first. */
  requests: () => Promise<RecordedRequest[]>;
  /** The received POST /v1/chat/completions requests since the last reset. */
  chatRequests: () => Promise<RecordedRequest[]>;
  /** Script the next POSTs the stand-in answers, one reply each, in order. */
  enqueue: (...replies: ScriptedReply[]) => Promise<void>;
  /** Forget recorded requests and drop scripted replies not used yet. */
  reset: () => Promise<void>;
}

async function expectOk(response: Response, what: string): Promise<void> {
  if (!response.ok) throw new Error(`stand-in ${what} failed: ${response.status} ${await response.text()}`);
}

export function connectStandIn(url: string = inject("standInUrl")): StandInClient {
  const requests = async (): Promise<RecordedRequest[]> => {
    const response = await fetch(`${url}/__control/requests`);
    await expectOk(response, "requests");
    return (await response.json()) as RecordedRequest[];
  };
  return {
    url,
    requests,
    chatRequests: async () =>
      (await requests()).filter((request) => request.method === "POST" && request.path.startsWith("/v1/chat/completions")),
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
