// /docs/chat-completions.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { Paragraph } from "@/components/docs/prose";

export default async function ChatCompletions(_props: DocPageProps) {
  const t = await getTranslations("docs-chat-completions");
  return <Paragraph>{t("description")}</Paragraph>;
}
