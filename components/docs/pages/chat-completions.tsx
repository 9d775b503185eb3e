// /docs/chat-completions – the request, every parameter the gateway accepts, the messages, the answer.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import {
  BulletList,
  DocSample,
  DocSection,
  DocTable,
  Note,
  Paragraph,
  PlainCode,
  RICH_TAGS,
} from "@/components/docs/prose";
import { samples } from "@/lib/docs/samples/chat-completions";

/** Every parameter of the request, as lib/gateway/schemas/chat.ts checks it (the rest is passed on as sent). */
const PARAMETERS = [
  { name: "model", type: "string" },
  { name: "messages", type: "array" },
  { name: "models", type: "string[]" },
  { name: "temperature", type: "number" },
  { name: "top_p", type: "number" },
  { name: "max_tokens", type: "integer" },
  { name: "max_completion_tokens", type: "integer" },
  { name: "stop", type: "string | string[]" },
  { name: "n", type: "integer" },
  { name: "seed", type: "integer" },
  { name: "presence_penalty", type: "number" },
  { name: "frequency_penalty", type: "number" },
  { name: "stream", type: "boolean" },
  { name: "stream_options", type: "object" },
  { name: "tools", type: "array" },
  { name: "tool_choice", type: "string | object" },
  { name: "parallel_tool_calls", type: "boolean" },
  { name: "response_format", type: "object" },
  { name: "logprobs", type: "boolean" },
  { name: "top_logprobs", type: "integer" },
  { name: "reasoning_effort", type: "string" },
  { name: "user", type: "string" },
] as const;

const ROLES = ["system", "developer", "user", "assistant", "tool"] as const;

/** OpenRouter's provider object, as lib/gateway/routing/provider-preferences.ts reads it. */
const PROVIDER_FIELDS = [
  { name: "order", type: "string[]" },
  { name: "only", type: "string[]" },
  { name: "ignore", type: "string[]" },
  { name: "allow_fallbacks", type: "boolean" },
  { name: "sort", type: '"price" | "throughput" | "latency"' },
  { name: "max_price", type: "object" },
] as const;

function responseExample(model: string): string {
  return `{
  "id": "chatcmpl-…",
  "object": "chat.completion",
  "created": 1767225600,
  "model": "${model}",
  "choices": [
    {
      "index": 0,
      "message": { "role": "assistant", "content": "…", "refusal": null },
      "logprobs": null,
      "finish_reason": "stop"
    }
  ],
  "usage": {
    "prompt_tokens": 31,
    "completion_tokens": 24,
    "total_tokens": 55,
    "prompt_tokens_details": { "cached_tokens": 0 },
    "completion_tokens_details": { "reasoning_tokens": 0 },
    "cost": 0.0000198
  }
}`;
}

export default async function ChatCompletions({ context }: DocPageProps) {
  const t = await getTranslations("docs-chat-completions");
  return (
    <>
      <DocSection id="request" title={t("sections.request")}>
        <Paragraph>{t.rich("request.text", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.conversation} context={context} label={t("request.label")} />
      </DocSection>

      <DocSection id="parameters" title={t("sections.parameters")}>
        <Paragraph>{t.rich("parameters.text", RICH_TAGS)}</Paragraph>
        <DocTable
          caption={t("parameters.caption")}
          columns={[
            { header: t("parameters.name"), mono: true },
            { header: t("parameters.type"), mono: true },
            { header: t("parameters.description") },
          ]}
          rows={PARAMETERS.map((parameter) => [
            parameter.name,
            parameter.type,
            t.rich(`parameters.rows.${parameter.name}`, RICH_TAGS),
          ])}
        />
        <Note>{t.rich("parameters.invalid", RICH_TAGS)}</Note>
      </DocSection>

      <DocSection id="messages" title={t("sections.messages")}>
        <Paragraph>{t.rich("messages.text", RICH_TAGS)}</Paragraph>
        <DocTable
          caption={t("messages.caption")}
          columns={[{ header: t("messages.role"), mono: true }, { header: t("messages.use") }]}
          rows={ROLES.map((role) => [role, t.rich(`messages.roles.${role}`, RICH_TAGS)])}
        />
        <Paragraph>{t.rich("messages.content", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="response" title={t("sections.response")}>
        <Paragraph>{t.rich("response.text", RICH_TAGS)}</Paragraph>
        <PlainCode label={t("response.label")} code={responseExample(context.model)} />
        <BulletList
          items={(["finish", "usage", "headers"] as const).map((item) => t.rich(`response.points.${item}`, RICH_TAGS))}
        />
      </DocSection>

      <DocSection id="stop" title={t("sections.stop")}>
        <Paragraph>{t.rich("stop.text", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.stop} context={context} label={t("stop.label")} />
      </DocSection>

      <DocSection id="providers" title={t("sections.providers")}>
        <Paragraph>{t.rich("providers.text", RICH_TAGS)}</Paragraph>
        <BulletList
          items={(["translated", "dropped", "missing"] as const).map((item) =>
            t.rich(`providers.points.${item}`, RICH_TAGS),
          )}
        />
      </DocSection>

      <DocSection id="routing" title={t("sections.routing")}>
        <Paragraph>{t.rich("routing.text", RICH_TAGS)}</Paragraph>
        <DocTable
          caption={t("routing.caption")}
          columns={[
            { header: t("parameters.name"), mono: true },
            { header: t("parameters.type"), mono: true },
            { header: t("parameters.description") },
          ]}
          rows={PROVIDER_FIELDS.map((field) => [
            field.name,
            field.type,
            t.rich(`routing.rows.${field.name}`, RICH_TAGS),
          ])}
        />
        <BulletList
          items={(["refused", "dropped", "clamped"] as const).map((item) =>
            t.rich(`routing.points.${item}`, RICH_TAGS),
          )}
        />
        <DocSample sample={samples.providerRouting} context={context} label={t("routing.label")} />
      </DocSection>

      <DocSection id="legacy" title={t("sections.legacy")}>
        <Paragraph>{t.rich("legacy.text", RICH_TAGS)}</Paragraph>
        <BulletList
          items={(["native", "translated", "refused"] as const).map((item) =>
            t.rich(`legacy.points.${item}`, RICH_TAGS),
          )}
        />
        <DocSample sample={samples.legacyCompletion} context={context} label={t("legacy.label")} />
      </DocSection>
    </>
  );
}
