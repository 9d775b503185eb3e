// /docs/rate-limits.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { Paragraph } from "@/components/docs/prose";

export default async function RateLimits(_props: DocPageProps) {
  const t = await getTranslations("docs-rate-limits");
  return <Paragraph>{t("description")}</Paragraph>;
}
