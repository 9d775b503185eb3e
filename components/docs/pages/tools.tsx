// /docs/tools – function calling: define tools, read the calls, send back the results.
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
import { samples } from "@/lib/docs/samples/tools";

const CHOICES = ["auto", "none", "required", "function"] as const;
const CHOICE_VALUES: Record<(typeof CHOICES)[number], string> = {
  auto: '"auto"',
  none: '"none"',
  required: '"required"',
  function: '{"type": "function", "function": {"name": "get_weather"}}',
};

const TOOL_CALL = `"message": {
  "role": "assistant",
  "content": null,
  "tool_calls": [
    {
      "id": "call_…",
      "type": "function",
      "function": { "name": "get_weather", "arguments": "{\\"city\\": \\"Hanoi\\"}" }
    }
  ]
},
"finish_reason": "tool_calls"`;

export default async function Tools({ context }: DocPageProps) {
  const t = await getTranslations("docs-tools");
  return (
    <>
      <DocSection id="call" title={t("sections.call")}>
        <Paragraph>{t.rich("call.text", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.weather} context={context} label={t("call.label")} />
      </DocSection>

      <DocSection id="steps" title={t("sections.steps")}>
        <BulletList
          items={(["define", "read", "run", "answer"] as const).map((item) => t.rich(`steps.${item}`, RICH_TAGS))}
        />
        <PlainCode label={t("steps.label")} code={TOOL_CALL} />
        <Note kind="warning">{t.rich("steps.arguments", RICH_TAGS)}</Note>
      </DocSection>

      <DocSection id="tool-choice" title={t("sections.tool-choice")}>
        <DocTable
          caption={t("choice.caption")}
          columns={[{ header: "tool_choice", mono: true, wrap: true }, { header: t("choice.effect") }]}
          rows={CHOICES.map((choice) => [CHOICE_VALUES[choice], t.rich(`choice.rows.${choice}`, RICH_TAGS)])}
        />
        <Paragraph>{t.rich("choice.parallel", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="streaming" title={t("sections.streaming")}>
        <Paragraph>{t.rich("streaming.text", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="models" title={t("sections.models")}>
        <Paragraph>{t.rich("models.text", RICH_TAGS)}</Paragraph>
      </DocSection>
    </>
  );
}
