// /docs/rate-limits – the limits and how each refuses, the rate-limit headers, what to do with a 429, and what
// happens to a provider's own 429.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { DocSample, DocSection, DocTable, Paragraph, RICH_TAGS } from "@/components/docs/prose";
import { samples } from "@/lib/docs/samples/rate-limits";

const LIMITS = ["rpm", "rpd", "tpm", "concurrency", "budget", "credits", "authFailures", "overload", "demo"] as const;
const HEADERS = [
  ["x-ratelimit-limit-requests", "limit"],
  ["x-ratelimit-remaining-requests", "remaining"],
  ["x-ratelimit-reset-requests", "reset"],
  ["x-ratelimit-limit-tokens", "limitTokens"],
  ["x-ratelimit-remaining-tokens", "remainingTokens"],
  ["x-ratelimit-reset-tokens", "resetTokens"],
  ["x-ratelimit-limit-requests-day", "limitDay"],
  ["x-ratelimit-remaining-requests-day", "remainingDay"],
] as const;

export default async function RateLimits({ context }: DocPageProps) {
  const t = await getTranslations("docs-rate-limits");
  return (
    <>
      <DocSection id="limits" title={t("sections.limits")}>
        <Paragraph>{t.rich("limits.intro", RICH_TAGS)}</Paragraph>
        <DocTable
          caption={t("limits.caption")}
          columns={[{ header: t("limits.limit") }, { header: t("limits.answer") }]}
          rows={LIMITS.map((limit) => [
            t.rich(`limits.${limit}`, RICH_TAGS),
            t.rich(`limits.${limit}Answer`, RICH_TAGS),
          ])}
        />
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

      <DocSection id="plans" title={t("sections.plans")}>
        <Paragraph>{t.rich("plans.p1", RICH_TAGS)}</Paragraph>
        <Paragraph>{t.rich("plans.p2", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="retry" title={t("sections.retry")}>
        <Paragraph>{t.rich("retry.p1", RICH_TAGS)}</Paragraph>
        <Paragraph>{t.rich("retry.p2", RICH_TAGS)}</Paragraph>
        <Paragraph>{t.rich("retry.p3", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="upstream" title={t("sections.upstream")}>
        <Paragraph>{t.rich("upstream.p1", RICH_TAGS)}</Paragraph>
      </DocSection>
    </>
  );
}
