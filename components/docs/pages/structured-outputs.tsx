// /docs/structured-outputs – JSON mode, and JSON that follows a schema.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { BulletList, DocSample, DocSection, Note, Paragraph, RICH_TAGS } from "@/components/docs/prose";
import { samples } from "@/lib/docs/samples/structured-outputs";

export default async function StructuredOutputs({ context }: DocPageProps) {
  const t = await getTranslations("docs-structured-outputs");
  return (
    <>
      <DocSection id="json-mode" title={t("sections.json-mode")}>
        <Paragraph>{t.rich("jsonMode.text", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.jsonMode} context={context} label={t("jsonMode.label")} />
        <Note kind="warning">{t.rich("jsonMode.word", RICH_TAGS)}</Note>
      </DocSection>

      <DocSection id="json-schema" title={t("sections.json-schema")}>
        <Paragraph>{t.rich("jsonSchema.text", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.jsonSchema} context={context} label={t("jsonSchema.label")} />
        <BulletList
          items={(["strict", "required", "subset"] as const).map((item) =>
            t.rich(`jsonSchema.points.${item}`, RICH_TAGS),
          )}
        />
      </DocSection>

      <DocSection id="which" title={t("sections.which")}>
        <BulletList
          items={(["when", "check", "models"] as const).map((item) => t.rich(`which.points.${item}`, RICH_TAGS))}
        />
      </DocSection>
    </>
  );
}
