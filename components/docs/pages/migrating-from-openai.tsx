// /docs/migrating-from-openai – the three values that change, what stays the same, what Switchyard adds, what differs
// and what it does not serve yet.
import { getTranslations } from "next-intl/server";
import { ConfigCode } from "@/components/docs/config-code";
import type { DocPageProps } from "@/components/docs/doc-page";
import { BulletList, DocSample, DocSection, DocTable, Paragraph, RICH_TAGS } from "@/components/docs/prose";
import { CONFIG_SNIPPETS } from "@/lib/docs/config-snippets";
import { samples } from "@/lib/docs/samples/migrating-from-openai";

const SAME = ["shapes", "stream", "features", "errors", "auth", "responses"] as const;
const EXTRAS = ["models", "cost", "fallbacks", "endpoints"] as const;
const DIFFERENCES = ["modelsList", "organization", "ids"] as const;
const NOT_SERVED = ["completions", "audio", "other"] as const;

export default async function MigratingFromOpenai({ context }: DocPageProps) {
  const t = await getTranslations("docs-migrating-from-openai");
  const code = (text: string) => <code className="font-mono">{text}</code>;
  return (
    <>
      <DocSection id="changes" title={t("sections.changes")}>
        <DocTable
          caption={t("changes.caption")}
          columns={[{ header: t("changes.setting") }, { header: t("changes.before") }, { header: t("changes.after") }]}
          rows={[
            [t("changes.baseUrl"), code("https://api.openai.com/v1"), code(`${context.origin}/v1`)],
            [t("changes.apiKey"), code("sk-…"), t.rich("changes.apiKeyAfter", RICH_TAGS)],
            [t("changes.modelId"), code("gpt-4o-mini"), code("openai/gpt-4o-mini")],
          ]}
        />
        <Paragraph>{t.rich("changes.modelNote", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.sameCode} context={context} label={t("changes.sampleLabel")} />
        <Paragraph>{t.rich("changes.envNote", RICH_TAGS)}</Paragraph>
        <ConfigCode snippet={CONFIG_SNIPPETS.openaiEnvironment} context={context} label={t("changes.envLabel")} />
      </DocSection>

      <DocSection id="same" title={t("sections.same")}>
        <BulletList items={SAME.map((item) => t.rich(`same.items.${item}`, RICH_TAGS))} />
      </DocSection>

      <DocSection id="extras" title={t("sections.extras")}>
        <BulletList items={EXTRAS.map((item) => t.rich(`extras.items.${item}`, RICH_TAGS))} />
      </DocSection>

      <DocSection id="differences" title={t("sections.differences")}>
        <BulletList items={DIFFERENCES.map((item) => t.rich(`differences.items.${item}`, RICH_TAGS))} />
      </DocSection>

      <DocSection id="not-served" title={t("sections.not-served")}>
        <Paragraph>{t.rich("notServed.intro", RICH_TAGS)}</Paragraph>
        <BulletList items={NOT_SERVED.map((item) => t.rich(`notServed.items.${item}`, RICH_TAGS))} />
      </DocSection>
    </>
  );
}
