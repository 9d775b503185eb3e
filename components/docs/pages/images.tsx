// /docs/images.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { Paragraph } from "@/components/docs/prose";

export default async function Images(_props: DocPageProps) {
  const t = await getTranslations("docs-images");
  return <Paragraph>{t("description")}</Paragraph>;
}
