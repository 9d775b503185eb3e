// /docs/failover – the order candidates are tried in, which upstream failures fail over and which are returned,
// streams, and model fallbacks with `models: [...]`.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { DocSample, DocSection, DocTable, Paragraph, RICH_TAGS } from "@/components/docs/prose";
import { samples } from "@/lib/docs/samples/failover";

const FAILURES = ["connection", "server", "rateLimited", "keyRefused", "notServed", "request", "ours"] as const;

export default async function Failover({ context }: DocPageProps) {
  const t = await getTranslations("docs-failover");
  return (
    <>
      <DocSection id="order" title={t("sections.order")}>
        <Paragraph>{t.rich("order.p1", RICH_TAGS)}</Paragraph>
        <Paragraph>{t.rich("order.p2", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="which" title={t("sections.which")}>
        <Paragraph>{t.rich("which.intro", RICH_TAGS)}</Paragraph>
        <DocTable
          caption={t("which.caption")}
          columns={[{ header: t("which.failure") }, { header: t("which.action") }]}
          rows={FAILURES.map((failure) => [
            t.rich(`which.${failure}`, RICH_TAGS),
            t.rich(`which.${failure}Action`, RICH_TAGS),
          ])}
        />
      </DocSection>

      <DocSection id="stream" title={t("sections.stream")}>
        <Paragraph>{t.rich("stream.p1", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="fallbacks" title={t("sections.fallbacks")}>
        <Paragraph>{t.rich("fallbacks.p1", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.fallbacks} context={context} label={t("fallbacks.sampleLabel")} />
        <Paragraph>{t.rich("fallbacks.p2", RICH_TAGS)}</Paragraph>
        <Paragraph>{t.rich("fallbacks.p3", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="see" title={t("sections.see")}>
        <Paragraph>{t.rich("see.p1", RICH_TAGS)}</Paragraph>
      </DocSection>
    </>
  );
}
