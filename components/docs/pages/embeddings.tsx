// /docs/embeddings.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { Paragraph } from "@/components/docs/prose";

export default async function Embeddings(_props: DocPageProps) {
  const t = await getTranslations("docs-embeddings");
  return <Paragraph>{t("description")}</Paragraph>;
}
