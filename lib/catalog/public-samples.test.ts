import { describe, expect, it } from "vitest";
import { modelPageSamples } from "./public-samples";

const origin = "https://gateway.example.com";

/** The JSON body of a curl sample, as the shell would pass it (single quotes, with '\'' for a quote). */
function curlBody(code: string): unknown {
  const quoted = /-d '((?:[^']|'\\'')*)'$/.exec(code)?.[1];
  if (quoted === undefined) throw new Error(`no -d '…' in ${code}`);
  return JSON.parse(quoted.replaceAll(`'\\''`, "'"));
}

describe("modelPageSamples", () => {
  it("gives a chat model curl, Python and Node against this origin, with the key from the environment", () => {
    const samples = modelPageSamples(origin, "openai/gpt-4o-mini");
    expect(samples.map((sample) => sample.language)).toEqual(["curl", "python", "node"]);
    const [curl, python, node] = samples.map((sample) => sample.code);
    expect(curl).toMatch(/^curl https:\/\/gateway\.example\.com\/v1\/chat\/completions \\/);
    expect(curl).toContain(`-H "Authorization: Bearer $SWITCHYARD_API_KEY"`);
    expect(curlBody(curl)).toEqual({
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content: "Say hello in one short sentence." }],
    });
    expect(python).toContain(`base_url="https://gateway.example.com/v1"`);
    expect(python).toContain(`api_key=os.environ["SWITCHYARD_API_KEY"]`);
    expect(python).toContain(`model="openai/gpt-4o-mini"`);
    expect(node).toContain(`baseURL: "https://gateway.example.com/v1"`);
    expect(node).toContain("apiKey: process.env.SWITCHYARD_API_KEY");
    expect(node).toContain(`model: "openai/gpt-4o-mini"`);
  });

  it("calls /v1/embeddings for an embedding model and /v1/images/generations for an image model", () => {
    const [embedCurl, embedPython, embedNode] = modelPageSamples(origin, "openai/text-embedding-3-small", "embedding");
    expect(embedCurl.code).toContain(`${origin}/v1/embeddings`);
    expect(embedPython.code).toContain("client.embeddings.create(");
    expect(embedNode.code).toContain("client.embeddings.create(");

    const [imageCurl, imagePython, imageNode] = modelPageSamples(origin, "openai/dall-e-3", "image", {
      imageSize: "1792x1024",
    });
    expect(imageCurl.code).toContain(`${origin}/v1/images/generations`);
    expect(curlBody(imageCurl.code)).toMatchObject({ model: "openai/dall-e-3", size: "1792x1024", n: 1 });
    expect(imagePython.code).toContain("client.images.generate(");
    expect(imageNode.code).toContain("client.images.generate(");
  });

  it("quotes an id with a quote in it so that the shell and the languages read it back whole", () => {
    const id = `custom/it's "odd"`;
    const [curl, python] = modelPageSamples(origin, id);
    expect(curlBody(curl.code)).toMatchObject({ model: id });
    expect(python.code).toContain(`model="custom/it's \\"odd\\""`);
  });
});
