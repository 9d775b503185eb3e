// /docs – the quickstart: a key, the base URL, the first call.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { BulletList, DocSample, DocSection, Note, Paragraph, PlainCode, RICH_TAGS } from "@/components/docs/prose";
import { samples } from "@/lib/docs/samples/quickstart";

export default async function Quickstart({ context }: DocPageProps) {
  const t = await getTranslations("docs-quickstart");
  return (
    <>
      <DocSection id="create-key" title={t("sections.create-key")}>
        <Paragraph>{t.rich("createKey.text", RICH_TAGS)}</Paragraph>
        <PlainCode label={t("createKey.shellLabel")} code={'export SWITCHYARD_API_KEY="sy-live-…"'} />
        <Note kind="warning">{t.rich("createKey.once", RICH_TAGS)}</Note>
      </DocSection>

      <DocSection id="base-url" title={t("sections.base-url")}>
        <Paragraph>{t.rich("baseUrl.text", RICH_TAGS)}</Paragraph>
        <PlainCode
          label={t("baseUrl.settingsLabel")}
          code={`base URL:  ${context.origin}/v1\nAPI key:   $SWITCHYARD_API_KEY`}
        />
        <Paragraph>{t.rich("baseUrl.models", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="first-call" title={t("sections.first-call")}>
        <Paragraph>{t.rich("firstCall.text", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.firstCall} context={context} label={t("firstCall.label")} />
        <Paragraph>{t.rich("firstCall.after", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="next-steps" title={t("sections.next-steps")}>
        <BulletList
          items={(["streaming", "tools", "costs", "errors", "integrations"] as const).map((item) =>
            t.rich(`nextSteps.${item}`, RICH_TAGS),
          )}
        />
      </DocSection>
    </>
  );
}
