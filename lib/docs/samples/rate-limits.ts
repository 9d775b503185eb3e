// The samples of /docs/rate-limits (each one run by tests/docs-samples.test.ts): the rate-limit headers of an answer.
import { curl, fixedModelSample, nodeClient, pythonClient, type SiteSample } from "../sample";

export const samples = {
  headers: fixedModelSample(
    "rate-limits/headers",
    ({ origin }) => ({
      curl: curl(origin, "models", undefined, { flags: ["-s", "-o /dev/null", "-D -"] }),
      python: `${pythonClient(origin)}

raw = client.models.with_raw_response.list()
for name in ("limit", "remaining", "reset"):
    header = f"x-ratelimit-{name}-requests"
    print(f"{header}: {raw.headers[header]}")`,
      node: `${nodeClient(origin)}

const { response } = await client.models.list().withResponse();
for (const name of ["limit", "remaining", "reset"]) {
  const header = \`x-ratelimit-\${name}-requests\`;
  console.log(\`\${header}: \${response.headers.get(header)}\`);
}`,
    }),
    {
      all: [
        /x-ratelimit-limit-requests: \d+/i,
        /x-ratelimit-remaining-requests: \d+/i,
        /x-ratelimit-reset-requests: (\d+ms|\d+s|\d+m\d+s)/i,
      ],
    },
  ),
} satisfies Record<string, SiteSample>;
