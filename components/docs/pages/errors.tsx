// /docs/errors – the error body, every status and code the gateway can answer with (from its own error table, so the
// list cannot fall behind the code), errors inside a stream, and what to retry.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { DocSample, DocSection, DocTable, Paragraph, PlainCode, RICH_TAGS } from "@/components/docs/prose";
import { type ErrorReferenceRow, errorReference } from "@/lib/docs/error-reference";
import { MISSING_MODEL, samples } from "@/lib/docs/samples/errors";
import { GatewayError, toOpenAIError } from "@/lib/gateway/errors";

/** The body the gateway sends for the sample's request, made by the gateway's own serialiser. */
function sampleBody(): string {
  const error = new GatewayError(
    "model_not_found",
    `The model '${MISSING_MODEL}' does not exist or is not available. See GET /v1/models for the models this key may call.`,
    { param: "model" },
  );
  return JSON.stringify(toOpenAIError(error), null, 2);
}

export default async function Errors({ context }: DocPageProps) {
  const t = await getTranslations("docs-errors");
  const rows = errorReference();

  const codeCell = (row: ErrorReferenceRow) => (
    <span className="flex flex-col gap-0.5">
      <span id={row.code} className="scroll-mt-20 font-medium text-zinc-900 dark:text-zinc-100">
        {row.code}
      </span>
      <span className="text-xs text-zinc-600 dark:text-zinc-400">{row.type}</span>
    </span>
  );
  const fixCell = (row: ErrorReferenceRow) => (
    <span className="flex flex-col gap-1.5">
      <span>{t.rich(`codes.${row.code}.fix`, RICH_TAGS)}</span>
      <span className="text-xs text-zinc-600 dark:text-zinc-400">
        {t("table.retry")} {t(`retryAdvice.${row.retry}`)}
        {row.scope === "site" ? ` · ${t("table.siteOnly")}` : ""}
      </span>
    </span>
  );

  return (
    <>
      <DocSection id="shape" title={t("sections.shape")}>
        <Paragraph>{t.rich("shape.body", RICH_TAGS)}</Paragraph>
        <Paragraph>{t.rich("shape.sample", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.modelNotFound} context={context} label={t("shape.sampleLabel")} />
        <PlainCode label={t("shape.bodyLabel")} code={sampleBody()} />
        <Paragraph>{t.rich("shape.anthropic", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="table" title={t("sections.table")}>
        <Paragraph>{t.rich("table.intro", RICH_TAGS)}</Paragraph>
        <DocTable
          caption={t("table.caption")}
          columns={[
            { header: t("table.status"), mono: true },
            { header: t("table.code"), mono: true },
            { header: t("table.cause") },
            { header: t("table.fix") },
          ]}
          rows={rows.map((row) => [
            row.status,
            codeCell(row),
            t.rich(`codes.${row.code}.cause`, RICH_TAGS),
            fixCell(row),
          ])}
        />
      </DocSection>

      <DocSection id="stream" title={t("sections.stream")}>
        <Paragraph>{t.rich("stream.body", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="handling" title={t("sections.handling")}>
        <Paragraph>{t.rich("handling.body", RICH_TAGS)}</Paragraph>
      </DocSection>
    </>
  );
}
