// The samples of /docs/errors (each one run by tests/docs-samples.test.ts): a request for a model that does not exist,
// and what each client sees of the error.
import { curl, fixedModelSample, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

/** A model id no catalog has: the request is refused with 404 model_not_found before any provider is called. */
export const MISSING_MODEL = "openai/no-such-model";
const PROMPT = "Hello?";

export const samples = {
  modelNotFound: fixedModelSample(
    "errors/model-not-found",
    ({ origin }) => ({
      curl: curl(
        origin,
        "chat/completions",
        { model: MISSING_MODEL, messages: [{ role: "user", content: PROMPT }] },
        { flags: ["-i"] },
      ),
      python: `import openai
${pythonClient(origin)}

try:
    client.chat.completions.create(
        model=${literal(MISSING_MODEL)},
        messages=[{"role": "user", "content": ${literal(PROMPT)}}],
    )
except openai.APIStatusError as error:  # NotFoundError here; RateLimitError, AuthenticationError, …
    print(error.status_code, error.code, "param:", error.param)
    print(error.message)
    print("request id:", error.response.headers["x-request-id"])`,
      node: `${nodeClient(origin)}

try {
  await client.chat.completions.create({
    model: ${literal(MISSING_MODEL)},
    messages: [{ role: "user", content: ${literal(PROMPT)} }],
  });
} catch (error) {
  if (!(error instanceof OpenAI.APIError)) throw error; // NotFoundError here; RateLimitError, AuthenticationError, …
  console.log(error.status, error.code, "param:", error.param);
  console.log(error.message);
  console.log("request id:", error.headers.get("x-request-id"));
}`,
    }),
    {
      curl: [/^HTTP\/[\d.]+ 404/m, /x-request-id: req_/i, /"code":\s*"model_not_found"/, /"param":\s*"model"/],
      python: [/^404 model_not_found param: model$/m, /request id: req_\S+/],
      node: [/^404 model_not_found param: model$/m, /request id: req_\S+/],
    },
  ),
} satisfies Record<string, SiteSample>;
