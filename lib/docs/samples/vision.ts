// /docs/vision: an image with the question, as a URL (or a data: URL for a local file).
import { chatSample, curl, literal, nodeClient, pythonClient, type SiteSample } from "../sample";

const QUESTION = "What is in this image?";
export const VISION_IMAGE_URL =
  "https://upload.wikimedia.org/wikipedia/commons/thumb/4/47/PNG_transparency_demonstration_1.png/280px-PNG_transparency_demonstration_1.png";

export const samples = {
  imageUrl: chatSample(
    "vision/image-url",
    ({ origin, model }) => ({
      curl: curl(origin, "chat/completions", {
        model,
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: QUESTION },
              { type: "image_url", image_url: { url: VISION_IMAGE_URL, detail: "low" } },
            ],
          },
        ],
      }),
      python: `${pythonClient(origin)}

completion = client.chat.completions.create(
    model=${literal(model)},
    messages=[{
        "role": "user",
        "content": [
            {"type": "text", "text": ${literal(QUESTION)}},
            {"type": "image_url", "image_url": {
                "url": ${literal(VISION_IMAGE_URL)},
                "detail": "low",
            }},
        ],
    }],
)
print(completion.choices[0].message.content)`,
      node: `${nodeClient(origin)}

const completion = await client.chat.completions.create({
  model: ${literal(model)},
  messages: [
    {
      role: "user",
      content: [
        { type: "text", text: ${literal(QUESTION)} },
        {
          type: "image_url",
          image_url: {
            url: ${literal(VISION_IMAGE_URL)},
            detail: "low",
          },
        },
      ],
    },
  ],
});
console.log(completion.choices[0].message.content);`,
    }),
    { all: /You said: What is in this image\?/ },
  ),
} satisfies Record<string, SiteSample>;
