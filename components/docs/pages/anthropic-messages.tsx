// /docs/anthropic-messages – POST /v1/messages with the Anthropic SDKs, streaming, cost, what other models cannot
// take, and Claude Code.
import { getTranslations } from "next-intl/server";
import { ConfigCode } from "@/components/docs/config-code";
import type { DocPageProps } from "@/components/docs/doc-page";
import { DocSample, DocSection, Note, Paragraph, RICH_TAGS } from "@/components/docs/prose";
import { CONFIG_SNIPPETS } from "@/lib/docs/config-snippets";
import { samples } from "@/lib/docs/samples/anthropic-messages";

export default async function AnthropicMessages({ context }: DocPageProps) {
  const t = await getTranslations("docs-anthropic-messages");
  return (
    <>
      <DocSection id="overview" title={t("sections.overview")}>
        <Paragraph>{t.rich("overview.p1", RICH_TAGS)}</Paragraph>
        <Paragraph>{t.rich("overview.p2", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="base-url" title={t("sections.base-url")}>
        <Paragraph>{t.rich("baseUrl.p1", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.message} context={context} label={t("baseUrl.sampleLabel")} />
      </DocSection>

      <DocSection id="stream" title={t("sections.stream")}>
        <Paragraph>{t.rich("stream.p1", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.stream} context={context} label={t("stream.sampleLabel")} />
      </DocSection>

      <DocSection id="cost" title={t("sections.cost")}>
        <Paragraph>{t.rich("cost.p1", RICH_TAGS)}</Paragraph>
        <Paragraph>{t.rich("cost.p2", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="translation" title={t("sections.translation")}>
        <Paragraph>{t.rich("translation.p1", RICH_TAGS)}</Paragraph>
        <Paragraph>{t.rich("translation.p2", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="claude-code" title={t("sections.claude-code")}>
        <Paragraph>{t.rich("claudeCode.p1", RICH_TAGS)}</Paragraph>
        <Paragraph>{t.rich("claudeCode.p2", RICH_TAGS)}</Paragraph>
        <ConfigCode snippet={CONFIG_SNIPPETS.claudeCodeShell} context={context} label={t("claudeCode.configLabel")} />
        <ConfigCode
          snippet={CONFIG_SNIPPETS.claudeCodeSettings}
          context={context}
          label={t("claudeCode.settingsLabel")}
        />
        <Note>{t.rich("claudeCode.notExecuted", RICH_TAGS)}</Note>
        <Note>{t.rich("claudeCode.tested", RICH_TAGS)}</Note>
      </DocSection>
    </>
  );
}
