// /docs/cost-and-usage.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { Paragraph } from "@/components/docs/prose";

export default async function CostAndUsage(_props: DocPageProps) {
  const t = await getTranslations("docs-cost-and-usage");
  return <Paragraph>{t("description")}</Paragraph>;
}
