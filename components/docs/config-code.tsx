// A tool's settings or configuration file in the docs: shown with a copy button and the reader's picked model, never
// run as a request. What it says is checked against the gateway (lib/docs/config-snippets.test.ts and
// tests/docs-config-snippets.test.ts), so it cannot drift either.
import { getTranslations } from "next-intl/server";
import type { ConfigSnippet } from "@/lib/docs/config-snippets";
import type { SampleContext } from "@/lib/docs/sample";
import { ConfigCodeClient } from "./config-code-client";

export async function ConfigCode({
  snippet,
  context,
  label,
}: {
  snippet: ConfigSnippet;
  context: SampleContext;
  label: string;
}) {
  const t = await getTranslations("common.copy");
  return (
    <ConfigCodeClient
      code={snippet.code(context)}
      label={label}
      modelSlot={context.model}
      words={{ copy: t("copy"), copied: t("copied"), failed: t("failed"), copyLabel: t.raw("copyLabel") as string }}
    />
  );
}
