// /docs/embeddings – text to vectors, one or many at a time.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { BulletList, DocSample, DocSection, DocTable, Note, Paragraph, RICH_TAGS } from "@/components/docs/prose";
import { EMBEDDING_MODEL, samples } from "@/lib/docs/samples/embeddings";

/** The request's parameters, as lib/gateway/schemas/embeddings.ts checks them. */
const PARAMETERS = [
  { name: "model", type: "string" },
  { name: "input", type: "string | string[]" },
  { name: "encoding_format", type: '"float" | "base64"' },
  { name: "dimensions", type: "integer" },
  { name: "user", type: "string" },
] as const;

export default async function Embeddings({ context }: DocPageProps) {
  const t = await getTranslations("docs-embeddings");
  return (
    <>
      <DocSection id="one-text" title={t("sections.one-text")}>
        <Paragraph>{t.rich("one.text", { ...RICH_TAGS, model: EMBEDDING_MODEL })}</Paragraph>
        <DocSample sample={samples.single} context={context} label={t("one.label")} />
        <Note>{t.rich("one.picker", RICH_TAGS)}</Note>
      </DocSection>

      <DocSection id="many-texts" title={t("sections.many-texts")}>
        <Paragraph>{t.rich("many.text", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.batch} context={context} label={t("many.label")} />
      </DocSection>

      <DocSection id="parameters" title={t("sections.parameters")}>
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
      </DocSection>

      <DocSection id="cost" title={t("sections.cost")}>
        <BulletList items={(["tokens", "models"] as const).map((item) => t.rich(`cost.${item}`, RICH_TAGS))} />
      </DocSection>
    </>
  );
}
