// /docs/own-providers – bring your own provider: adding an OpenAI-compatible endpoint on /providers, calling its models
// as byo/<name>/<model>, what the gateway does with them (failover, usage, the operator's fee), and what it refuses.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { BulletList, DocSample, DocSection, Note, Paragraph, RICH_TAGS, Steps } from "@/components/docs/prose";
import { samples } from "@/lib/docs/samples/own-providers";

export default async function OwnProviders({ context }: DocPageProps) {
  const t = await getTranslations("docs-own-providers");
  return (
    <>
      <DocSection id="add" title={t("sections.add")}>
        <Paragraph>{t.rich("add.p1", RICH_TAGS)}</Paragraph>
        <Steps
          items={[
            { title: t("add.step1Title"), body: <Paragraph>{t.rich("add.step1", RICH_TAGS)}</Paragraph> },
            { title: t("add.step2Title"), body: <Paragraph>{t.rich("add.step2", RICH_TAGS)}</Paragraph> },
            { title: t("add.step3Title"), body: <Paragraph>{t.rich("add.step3", RICH_TAGS)}</Paragraph> },
          ]}
        />
      </DocSection>

      <DocSection id="call" title={t("sections.call")}>
        <Paragraph>{t.rich("call.p1", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.call} context={context} label={t("call.sampleLabel")} />
        <BulletList
          items={[
            t.rich("call.private", RICH_TAGS),
            t.rich("call.same", RICH_TAGS),
            t.rich("call.failover", RICH_TAGS),
            t.rich("call.fee", RICH_TAGS),
          ]}
        />
      </DocSection>

      <DocSection id="network" title={t("sections.network")}>
        <Paragraph>{t.rich("network.p1", RICH_TAGS)}</Paragraph>
        <Note kind="warning">{t.rich("network.note", RICH_TAGS)}</Note>
      </DocSection>
    </>
  );
}
