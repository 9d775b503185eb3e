// The samples of /docs/integrations (each one run by tests/docs-samples.test.ts): the model ids a tool can be given,
// listed with the same base URL and key the tool will use. The tools' own settings are config-snippets.ts's.
import { curl, fixedModelSample, nodeClient, pythonClient, type SiteSample } from "../sample";

export const samples = {
  listModels: fixedModelSample(
    "integrations/list-models",
    ({ origin }) => ({
      curl: curl(origin, "models", undefined),
      python: `${pythonClient(origin)}

for model in client.models.list():
    print(model.id)`,
      node: `${nodeClient(origin)}

for await (const model of client.models.list()) {
  console.log(model.id);
}`,
    }),
    {
      curl: [/"object":\s*"list"/, /"id":\s*"openai\/gpt-4o-mini"/],
      python: /^openai\/gpt-4o-mini$/m,
      node: /^openai\/gpt-4o-mini$/m,
    },
  ),
} satisfies Record<string, SiteSample>;
