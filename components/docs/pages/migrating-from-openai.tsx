// /docs/migrating-from-openai.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { Paragraph } from "@/components/docs/prose";

export default async function MigratingFromOpenai(_props: DocPageProps) {
  const t = await getTranslations("docs-migrating-from-openai");
  return <Paragraph>{t("description")}</Paragraph>;
}
