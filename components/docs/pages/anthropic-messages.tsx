// /docs/anthropic-messages.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { Paragraph } from "@/components/docs/prose";

export default async function AnthropicMessages(_props: DocPageProps) {
  const t = await getTranslations("docs-anthropic-messages");
  return <Paragraph>{t("description")}</Paragraph>;
}
