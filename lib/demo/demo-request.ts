// What a visitor may send to the free demo: a model (a free one; the default when left out) and a short conversation
// of plain-text user and assistant turns ending with the user's. Everything else is the demo's to set.
import { z } from "zod";
import { GatewayError } from "../gateway/errors";
import { parseJsonBody, validate } from "../gateway/schemas/validate";
import { DEMO_LIMITS } from "./demo-settings";

const text = (max: number) => z.string().trim().min(1).max(max);

// An earlier answer may be longer than a question: it is sent back as the conversation goes on.
const demoMessage = z.discriminatedUnion("role", [
  z.strictObject({ role: z.literal("user"), content: text(DEMO_LIMITS.maxQuestionChars) }),
  z.strictObject({ role: z.literal("assistant"), content: text(DEMO_LIMITS.maxAnswerChars) }),
]);

export const demoRequestSchema = z.strictObject({
  model: z.string().min(1).max(200).optional(),
  messages: z.array(demoMessage).min(1).max(DEMO_LIMITS.maxMessages),
});

export type DemoRequest = z.infer<typeof demoRequestSchema>;

const RULES: Record<string, string> = {
  model: "the id of one of the demo's free models",
  messages: `an array of 1 to ${DEMO_LIMITS.maxMessages} messages`,
  role: "user or assistant",
  content: `text: a question of at most ${DEMO_LIMITS.maxQuestionChars} characters, an answer of at most ${DEMO_LIMITS.maxAnswerChars}`,
};

export function parseDemoRequest(text: string): DemoRequest {
  const raw = parseJsonBody(text);
  // Named before anything else: a visitor asking for a longer answer (max_tokens) learns the demo sets it.
  const unknown = Object.keys(raw).find((field) => !(field in demoRequestSchema.shape));
  if (unknown !== undefined) {
    throw new GatewayError(
      "invalid_value",
      `The free demo takes only 'model' and 'messages'; '${unknown}' is set by the demo itself`,
      { param: unknown },
    );
  }
  const body = validate(demoRequestSchema, raw, ["messages"], RULES);
  if (body.messages.at(-1)?.role !== "user") {
    throw new GatewayError("invalid_value", "The last message must be the user's question", {
      param: `messages[${body.messages.length - 1}].role`,
    });
  }
  return body;
}
