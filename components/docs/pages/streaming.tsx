// /docs/streaming.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { Paragraph } from "@/components/docs/prose";

export default async function Streaming(_props: DocPageProps) {
  const t = await getTranslations("docs-streaming");
  return <Paragraph>{t("description")}</Paragraph>;
}
