// /docs/structured-outputs.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { Paragraph } from "@/components/docs/prose";

export default async function StructuredOutputs(_props: DocPageProps) {
  const t = await getTranslations("docs-structured-outputs");
  return <Paragraph>{t("description")}</Paragraph>;
}
