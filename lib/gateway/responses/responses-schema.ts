// The public wire format of POST /v1/responses: OpenAI's Responses API request. Loose objects: an OpenAI model gets
// the request as it came (with every field its API knows), so only what the gateway itself reads is checked here;
// what cannot be translated for other models is refused by responses-to-chat-request.ts.
import { z } from "zod";
import { validate } from "../schemas/validate";
import { GatewayError } from "../errors";

const inputItem = z.looseObject({ type: z.string().optional(), role: z.string().optional() });

export const responsesRequestSchema = z.looseObject({
  model: z.string().min(1),
  models: z.array(z.string().min(1)).min(1).max(8).optional(),
  input: z.union([z.string(), z.array(inputItem)]).optional(),
  instructions: z.string().nullable().optional(),
  stream: z.boolean().nullable().optional(),
  store: z.boolean().nullable().optional(),
  previous_response_id: z.string().min(1).max(200).nullable().optional(),
  max_output_tokens: z.number().int().positive().nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
  tool_choice: z.union([z.string(), z.looseObject({ type: z.string() })]).optional(),
  parallel_tool_calls: z.boolean().nullable().optional(),
  text: z
    .looseObject({ format: z.looseObject({ type: z.enum(["text", "json_object", "json_schema"]) }).optional() })
    .nullable()
    .optional(),
  reasoning: z
    .looseObject({ effort: z.string().nullable().optional(), summary: z.string().nullable().optional() })
    .nullable()
    .optional(),
  user: z.string().optional(),
});

export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;
export type InputItem = z.infer<typeof inputItem>;

const FIELD_RULES: Record<string, string> = {
  model: "a model id string such as openai/gpt-4o-mini",
  models: "an array of 1 to 8 model id strings",
  input: "a string or an array of input items",
  instructions: "a string",
  stream: "a boolean",
  store: "a boolean",
  previous_response_id: "the id of a stored response",
  max_output_tokens: "a positive integer",
  temperature: "a number between 0 and 2",
  top_p: "a number between 0 and 1",
  tools: "an array of tool objects",
  tool_choice: 'one of "auto", "none", "required", or a tool object',
  parallel_tool_calls: "a boolean",
  format: "an object whose type is text, json_object or json_schema",
  reasoning: 'an object such as {"effort": "low"}',
  user: "a string",
};

export function parseResponsesRequest(raw: Record<string, unknown>): ResponsesRequest {
  const request = validate(responsesRequestSchema, raw, ["model"], FIELD_RULES);
  if (request.input === undefined && !request.previous_response_id)
    throw new GatewayError("missing_field", "Missing required parameter: 'input'", { param: "input" });
  return request;
}

/** The input items of a request: a string is one user message. */
export function inputItems(input: ResponsesRequest["input"]): InputItem[] {
  if (input === undefined) return [];
  if (typeof input === "string") return [{ type: "message", role: "user", content: input }];
  return input;
}
