// /docs/authentication – the key as a Bearer token or in x-api-key; what keys look like; what a refused key answers.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { BulletList, DocSample, DocSection, DocTable, Note, Paragraph, RICH_TAGS } from "@/components/docs/prose";
import { samples } from "@/lib/docs/samples/authentication";

const REFUSALS = [
  { status: "401", code: "invalid_api_key" },
  { status: "403", code: "key_expired" },
  { status: "403", code: "ip_not_allowed" },
  { status: "403", code: "model_not_allowed" },
  { status: "429", code: "rate_limit_exceeded" },
] as const;

export default async function Authentication({ context }: DocPageProps) {
  const t = await getTranslations("docs-authentication");
  return (
    <>
      <DocSection id="bearer" title={t("sections.bearer")}>
        <Paragraph>{t.rich("bearer.text", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.bearer} context={context} label={t("bearer.label")} />
      </DocSection>

      <DocSection id="x-api-key" title={t("sections.x-api-key")}>
        <Paragraph>{t.rich("apiKey.text", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.apiKeyHeader} context={context} label={t("apiKey.label")} />
        <Note>{t.rich("apiKey.both", RICH_TAGS)}</Note>
      </DocSection>

      <DocSection id="keys" title={t("sections.keys")}>
        <BulletList
          items={(["format", "once", "limits", "rotate"] as const).map((item) => t.rich(`keys.${item}`, RICH_TAGS))}
        />
        <Note kind="warning">{t.rich("keys.browser", RICH_TAGS)}</Note>
      </DocSection>

      <DocSection id="refused" title={t("sections.refused")}>
        <Paragraph>{t.rich("refused.text", RICH_TAGS)}</Paragraph>
        <DocTable
          caption={t("refused.caption")}
          columns={[
            { header: t("refused.status"), mono: true },
            { header: t("refused.code"), mono: true },
            { header: t("refused.meaning") },
          ]}
          rows={REFUSALS.map((row) => [row.status, row.code, t.rich(`refused.rows.${row.code}`, RICH_TAGS)])}
        />
      </DocSection>
    </>
  );
}
