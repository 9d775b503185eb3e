// /docs/vision.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { Paragraph } from "@/components/docs/prose";

export default async function Vision(_props: DocPageProps) {
  const t = await getTranslations("docs-vision");
  return <Paragraph>{t("description")}</Paragraph>;
}
