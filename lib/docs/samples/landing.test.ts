import { describe, expect, it } from "vitest";
import { landingSamples } from "./landing";

describe("the landing page's samples", () => {
  it("call /v1 on the site's own origin with the key from $SWITCHYARD_API_KEY, in curl, Python and Node", () => {
    const samples = landingSamples("https://gateway.example.com");
    expect(samples.map((sample) => sample.language)).toEqual(["curl", "python", "node"]);
    const [curl, python, node] = samples.map((sample) => sample.code);
    expect(curl).toContain("curl https://gateway.example.com/v1/chat/completions");
    expect(curl).toContain('"Authorization: Bearer $SWITCHYARD_API_KEY"');
    expect(python).toContain('base_url="https://gateway.example.com/v1"');
    expect(python).toContain('api_key=os.environ["SWITCHYARD_API_KEY"]');
    expect(node).toContain('baseURL: "https://gateway.example.com/v1"');
    expect(node).toContain("apiKey: process.env.SWITCHYARD_API_KEY");
    for (const code of [curl, python, node]) expect(code).toContain("openai/gpt-4o-mini");
  });

  it("take another model when asked", () => {
    for (const sample of landingSamples("http://localhost:3000", "deepseek/deepseek-chat")) {
      expect(sample.code).toContain('"deepseek/deepseek-chat"');
    }
  });
});
