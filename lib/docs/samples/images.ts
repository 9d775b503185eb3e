// /docs/images: an image from a prompt, saved to a file (an image model of its own: the picker picks chat models).
import { curl, fixedModelSample, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

export const IMAGE_MODEL = "openai/dall-e-3";
const PROMPT = "A watercolor of a railway switchyard at dawn";

export const samples = {
  generate: fixedModelSample(
    "images/generate",
    ({ origin }) => ({
      curl: curl(origin, "images/generations", {
        model: IMAGE_MODEL,
        prompt: PROMPT,
        size: "1024x1024",
        quality: "standard",
        n: 1,
      }),
      python: `import base64
${pythonClient(origin)}

result = client.images.generate(
    model=${literal(IMAGE_MODEL)},
    prompt=${literal(PROMPT)},
    size="1024x1024",
    quality="standard",
    response_format="b64_json",
)
with open("switchyard.png", "wb") as file:
    file.write(base64.b64decode(result.data[0].b64_json))
print("saved switchyard.png")`,
      node: `import { writeFile } from "node:fs/promises";
${nodeClient(origin)}

const result = await client.images.generate({
  model: ${literal(IMAGE_MODEL)},
  prompt: ${literal(PROMPT)},
  size: "1024x1024",
  quality: "standard",
  response_format: "b64_json",
});
await writeFile("switchyard.png", Buffer.from(result.data[0].b64_json, "base64"));
console.log("saved switchyard.png");`,
    }),
    { curl: /"url":\s*"https?:\/\//, python: /saved switchyard\.png/, node: /saved switchyard\.png/ },
  ),
} satisfies Record<string, SiteSample>;
