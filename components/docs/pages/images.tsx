// /docs/images – an image from a prompt: the request, its parameters, the price per image.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { BulletList, DocSample, DocSection, DocTable, Paragraph, RICH_TAGS } from "@/components/docs/prose";
import { IMAGE_MODEL, samples } from "@/lib/docs/samples/images";

/** The request's parameters, as lib/gateway/schemas/images.ts checks them. */
const PARAMETERS = [
  { name: "prompt", type: "string" },
  { name: "model", type: "string" },
  { name: "n", type: "integer" },
  { name: "size", type: "string" },
  { name: "quality", type: "string" },
  { name: "response_format", type: '"url" | "b64_json"' },
  { name: "user", type: "string" },
] as const;

export default async function Images({ context }: DocPageProps) {
  const t = await getTranslations("docs-images");
  return (
    <>
      <DocSection id="generate" title={t("sections.generate")}>
        <Paragraph>{t.rich("generate.text", { ...RICH_TAGS, model: IMAGE_MODEL })}</Paragraph>
        <DocSample sample={samples.generate} context={context} label={t("generate.label")} />
      </DocSection>

      <DocSection id="parameters" title={t("sections.parameters")}>
        <DocTable
          caption={t("parameters.caption")}
          columns={[
            { header: t("parameters.name"), mono: true },
            { header: t("parameters.type"), mono: true },
            { header: t("parameters.description") },
          ]}
          rows={PARAMETERS.map((parameter) => [
            parameter.name,
            parameter.type,
            t.rich(`parameters.rows.${parameter.name}`, { ...RICH_TAGS, model: IMAGE_MODEL }),
          ])}
        />
      </DocSection>

      <DocSection id="answer" title={t("sections.answer")}>
        <BulletList
          items={(["url", "base64", "revised"] as const).map((item) => t.rich(`answer.${item}`, RICH_TAGS))}
        />
      </DocSection>

      <DocSection id="cost" title={t("sections.cost")}>
        <Paragraph>{t.rich("cost.text", RICH_TAGS)}</Paragraph>
      </DocSection>
    </>
  );
}
