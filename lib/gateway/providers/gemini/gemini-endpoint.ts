// Where a Gemini call goes and how it is authenticated.

type GeminiMethod = "generateContent" | "streamGenerateContent" | "batchEmbedContents";

/** The resource name of a model: plain ids live under models/, tuned models already carry their collection. */
export function geminiModelResource(upstreamModel: string): string {
  return upstreamModel.includes("/") ? upstreamModel : `models/${upstreamModel}`;
}

export function geminiMethodUrl(baseUrl: string, upstreamModel: string, method: GeminiMethod): string {
  const url = `${baseUrl.replace(/\/+$/, "")}/v1beta/${geminiModelResource(upstreamModel)}:${method}`;
  // Without alt=sse Gemini streams one long JSON array instead of server-sent events.
  return method === "streamGenerateContent" ? `${url}?alt=sse` : url;
}

/** The key travels in a header, never as ?key=: URLs end up in access logs and traces. */
export function geminiHeaders(apiKey: string | null, stream: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: stream ? "text/event-stream" : "application/json",
  };
  if (apiKey) headers["x-goog-api-key"] = apiKey;
  return headers;
}
