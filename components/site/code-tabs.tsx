// Code in several languages (curl / Python / Node), as real tabs with a copy button. The words come from the server
// (no message formatter in the browser); the tabs themselves are the small client component beside this file.
import { getTranslations } from "next-intl/server";
import type { CodeSample } from "@/lib/docs/code-sample";
import { CodeTabsClient } from "./code-tabs-client";

export type { CodeSample } from "@/lib/docs/code-sample";

export async function CodeTabs({
  samples,
  label,
  className = "",
  modelSlot,
}: {
  samples: CodeSample[];
  label: string;
  className?: string;
  /** The model id written in the code that the docs' model picker replaces; none: the code never changes. */
  modelSlot?: string;
}) {
  const t = await getTranslations("common.copy");
  return (
    <CodeTabsClient
      samples={samples}
      label={label}
      className={className}
      modelSlot={modelSlot}
      words={{ copy: t("copy"), copied: t("copied"), failed: t("failed"), copyLabel: t.raw("copyLabel") as string }}
    />
  );
}
