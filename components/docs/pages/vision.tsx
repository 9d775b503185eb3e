// /docs/vision – images in the messages, by URL or as a data: URL.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { BulletList, DocSample, DocSection, Paragraph, PlainCode, RICH_TAGS } from "@/components/docs/prose";
import { samples } from "@/lib/docs/samples/vision";

const DATA_URL_PART = `{
  "type": "image_url",
  "image_url": { "url": "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ…" }
}`;

export default async function Vision({ context }: DocPageProps) {
  const t = await getTranslations("docs-vision");
  return (
    <>
      <DocSection id="image-url" title={t("sections.image-url")}>
        <Paragraph>{t.rich("imageUrl.text", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.imageUrl} context={context} label={t("imageUrl.label")} />
      </DocSection>

      <DocSection id="local-files" title={t("sections.local-files")}>
        <Paragraph>{t.rich("local.text", RICH_TAGS)}</Paragraph>
        <PlainCode label={t("local.partLabel")} code={DATA_URL_PART} />
      </DocSection>

      <DocSection id="details" title={t("sections.details")}>
        <BulletList
          items={(["detail", "several", "cost", "models"] as const).map((item) => t.rich(`details.${item}`, RICH_TAGS))}
        />
      </DocSection>
    </>
  );
}
