// /docs/models – GET /v1/models and /v1/models/{id}: what a key may call, and how model ids are written.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { BulletList, DocSample, DocSection, DocTable, Paragraph, RICH_TAGS } from "@/components/docs/prose";
import { samples } from "@/lib/docs/samples/models";

/** The fields Switchyard adds to OpenAI's model object (lib/gateway/handlers/models.ts). */
const FIELDS = [
  "name",
  "type",
  "status",
  "available",
  "context_length",
  "max_output_tokens",
  "capabilities",
  "pricing",
] as const;

export default async function Models({ context }: DocPageProps) {
  const t = await getTranslations("docs-models");
  return (
    <>
      <DocSection id="list" title={t("sections.list")}>
        <Paragraph>{t.rich("list.text", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.list} context={context} label={t("list.label")} />
        <Paragraph>{t.rich("list.all", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="retrieve" title={t("sections.retrieve")}>
        <Paragraph>{t.rich("retrieve.text", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.retrieve} context={context} label={t("retrieve.label")} />
        <DocTable
          caption={t("retrieve.caption")}
          columns={[{ header: t("retrieve.field"), mono: true }, { header: t("retrieve.meaning") }]}
          rows={FIELDS.map((field) => [field, t.rich(`retrieve.fields.${field}`, RICH_TAGS)])}
        />
      </DocSection>

      <DocSection id="ids" title={t("sections.ids")}>
        <BulletList
          items={(["provider", "bare", "alias", "catalog"] as const).map((item) => t.rich(`ids.${item}`, RICH_TAGS))}
        />
      </DocSection>
    </>
  );
}
