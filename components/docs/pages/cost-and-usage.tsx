// /docs/cost-and-usage – usage.cost in answers and streams, the x-switchyard-* headers, GET /v1/generation/{id},
// POST /v1/estimate, GET /v1/key, and how a request is charged.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { DocSample, DocSection, DocTable, Paragraph, RICH_TAGS } from "@/components/docs/prose";
import { samples } from "@/lib/docs/samples/cost-and-usage";

const HEADERS = [
  ["x-request-id", "requestId"],
  ["x-switchyard-provider", "provider"],
  ["x-switchyard-model", "model"],
  ["x-switchyard-attempts", "attempts"],
  ["x-switchyard-cost-usd", "cost"],
] as const;

export default async function CostAndUsage({ context }: DocPageProps) {
  const t = await getTranslations("docs-cost-and-usage");
  return (
    <>
      <DocSection id="usage" title={t("sections.usage")}>
        <Paragraph>{t.rich("usage.p1", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.usageCost} context={context} label={t("usage.sampleLabel")} />
        <Paragraph>{t.rich("usage.p2", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.streamUsage} context={context} label={t("usage.streamSampleLabel")} />
      </DocSection>

      <DocSection id="headers" title={t("sections.headers")}>
        <Paragraph>{t.rich("headers.intro", RICH_TAGS)}</Paragraph>
        <DocTable
          caption={t("headers.caption")}
          columns={[{ header: t("headers.name"), mono: true }, { header: t("headers.meaning") }]}
          rows={HEADERS.map(([name, key]) => [name, t.rich(`headers.${key}`, RICH_TAGS)])}
        />
        <DocSample sample={samples.headers} context={context} label={t("headers.sampleLabel")} />
      </DocSection>

      <DocSection id="generation" title={t("sections.generation")}>
        <Paragraph>{t.rich("generation.p1", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.generation} context={context} label={t("generation.sampleLabel")} />
        <Paragraph>{t.rich("generation.p2", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="estimate" title={t("sections.estimate")}>
        <Paragraph>{t.rich("estimate.p1", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.estimate} context={context} label={t("estimate.sampleLabel")} />
        <Paragraph>{t.rich("estimate.p2", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="key" title={t("sections.key")}>
        <Paragraph>{t.rich("key.p1", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.key} context={context} label={t("key.sampleLabel")} />
      </DocSection>

      <DocSection id="billing" title={t("sections.billing")}>
        <Paragraph>{t.rich("billing.p1", RICH_TAGS)}</Paragraph>
        <Paragraph>{t.rich("billing.p2", RICH_TAGS)}</Paragraph>
      </DocSection>
    </>
  );
}
