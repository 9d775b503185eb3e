// /docs/audio – text to speech and speech to text: the requests, their parameters, how each is priced.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { BulletList, DocSample, DocSection, DocTable, Paragraph, RICH_TAGS } from "@/components/docs/prose";
import { SPEECH_MODEL, samples, TRANSCRIPTION_MODEL } from "@/lib/docs/samples/audio";

/** The parameters, as lib/gateway/schemas/audio.ts checks them. */
const SPEECH_PARAMETERS = [
  { name: "model", type: "string" },
  { name: "input", type: "string" },
  { name: "voice", type: "string | {id}" },
  { name: "instructions", type: "string" },
  { name: "response_format", type: "string" },
  { name: "speed", type: "number" },
  { name: "stream_format", type: '"audio" | "sse"' },
] as const;

const TRANSCRIPTION_PARAMETERS = [
  { name: "file", type: "file" },
  { name: "model", type: "string" },
  { name: "response_format", type: "string" },
  { name: "language", type: "string" },
  { name: "prompt", type: "string" },
  { name: "temperature", type: "number" },
  { name: "timestamp_granularities[]", type: "string" },
] as const;

export default async function Audio({ context }: DocPageProps) {
  const t = await getTranslations("docs-audio");
  const values = { ...RICH_TAGS, speechModel: SPEECH_MODEL, transcriptionModel: TRANSCRIPTION_MODEL };
  const table = (caption: string, rows: ReadonlyArray<{ name: string; type: string }>, prefix: string) => (
    <DocTable
      caption={caption}
      columns={[
        { header: t("parameters.name"), mono: true },
        { header: t("parameters.type"), mono: true },
        { header: t("parameters.description") },
      ]}
      rows={rows.map((parameter) => [
        parameter.name,
        parameter.type,
        t.rich(`${prefix}.${parameter.name.replace("[]", "")}`, values),
      ])}
    />
  );
  return (
    <>
      <DocSection id="speech" title={t("sections.speech")}>
        <Paragraph>{t.rich("speech.text", values)}</Paragraph>
        <DocSample sample={samples.speech} context={context} label={t("speech.label")} />
        {table(t("speech.caption"), SPEECH_PARAMETERS, "speech.rows")}
      </DocSection>

      <DocSection id="transcriptions" title={t("sections.transcriptions")}>
        <Paragraph>{t.rich("transcriptions.text", values)}</Paragraph>
        <DocSample sample={samples.transcribe} context={context} label={t("transcriptions.label")} />
        {table(t("transcriptions.caption"), TRANSCRIPTION_PARAMETERS, "transcriptions.rows")}
      </DocSection>

      <DocSection id="cost" title={t("sections.cost")}>
        <BulletList
          items={(["speech", "transcription", "length", "reserve"] as const).map((item) =>
            t.rich(`cost.${item}`, values),
          )}
        />
      </DocSection>
    </>
  );
}
