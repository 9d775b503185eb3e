// /docs/integrations – Cursor, Continue, Cline, Claude Code, aider and Codex CLI: what each speaks, its settings with
// this site's base URL and the picked model, and what a tool needs that the gateway does not serve yet.
import { getTranslations } from "next-intl/server";
import { ConfigCode } from "@/components/docs/config-code";
import type { DocPageProps } from "@/components/docs/doc-page";
import { DocSample, DocSection, DocTable, Note, Paragraph, RICH_TAGS } from "@/components/docs/prose";
import { CONFIG_SNIPPETS } from "@/lib/docs/config-snippets";
import { samples } from "@/lib/docs/samples/integrations";

type Speaks = "openaiChat" | "anthropicMessages" | "openaiResponses";
type Support = "works" | "partial" | "notYet";

/** Each tool's section id, name, protocol and whether it works today (the sections below say why). */
const TOOLS: ReadonlyArray<{ id: string; name: string; speaks: Speaks; support: Support }> = [
  { id: "cursor", name: "Cursor", speaks: "openaiChat", support: "works" },
  { id: "continue", name: "Continue", speaks: "openaiChat", support: "works" },
  { id: "cline", name: "Cline", speaks: "openaiChat", support: "works" },
  { id: "claude-code", name: "Claude Code", speaks: "anthropicMessages", support: "works" },
  { id: "aider", name: "aider", speaks: "openaiChat", support: "works" },
  { id: "codex", name: "Codex CLI", speaks: "openaiResponses", support: "works" },
];

const SUPPORT_TONE: Record<Support, string> = {
  works: "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300",
  partial: "bg-amber-50 text-amber-900 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300",
  notYet: "bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-800 dark:text-zinc-300",
};

export default async function Integrations({ context }: DocPageProps) {
  const t = await getTranslations("docs-integrations");
  return (
    <>
      <DocSection id="intro" title={t("sections.intro")}>
        <Paragraph>{t.rich("intro.p1", RICH_TAGS)}</Paragraph>
        <DocTable
          caption={t("intro.caption")}
          columns={[{ header: t("intro.tool") }, { header: t("intro.speaks") }, { header: t("intro.status") }]}
          rows={TOOLS.map((tool) => [
            <a
              key={tool.id}
              href={`#${tool.id}`}
              className="font-medium text-emerald-700 underline underline-offset-2 hover:text-emerald-900 dark:text-emerald-400 dark:hover:text-emerald-300"
            >
              {tool.name}
            </a>,
            t(`intro.${tool.speaks}`),
            <span
              key={tool.id}
              className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${SUPPORT_TONE[tool.support]}`}
            >
              {t(`intro.${tool.support}`)}
            </span>,
          ])}
        />
        <Paragraph>{t.rich("intro.check", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.listModels} context={context} label={t("intro.checkLabel")} />
        <Note>{t.rich("intro.notExecuted", RICH_TAGS)}</Note>
      </DocSection>

      <DocSection id="cursor" title={t("sections.cursor")}>
        <Paragraph>{t.rich("cursor.p1", RICH_TAGS)}</Paragraph>
        <ConfigCode snippet={CONFIG_SNIPPETS.cursor} context={context} label={t("cursor.configLabel")} />
        <Note kind="warning">{t.rich("cursor.p2", RICH_TAGS)}</Note>
      </DocSection>

      <DocSection id="continue" title={t("sections.continue")}>
        <Paragraph>{t.rich("continue.p1", RICH_TAGS)}</Paragraph>
        <ConfigCode snippet={CONFIG_SNIPPETS.continue} context={context} label={t("continue.configLabel")} />
      </DocSection>

      <DocSection id="cline" title={t("sections.cline")}>
        <Paragraph>{t.rich("cline.p1", RICH_TAGS)}</Paragraph>
        <ConfigCode snippet={CONFIG_SNIPPETS.cline} context={context} label={t("cline.configLabel")} />
      </DocSection>

      <DocSection id="claude-code" title={t("sections.claude-code")}>
        <Paragraph>{t.rich("claudeCode.p1", RICH_TAGS)}</Paragraph>
        <ConfigCode snippet={CONFIG_SNIPPETS.claudeCodeShell} context={context} label={t("claudeCode.configLabel")} />
        <Note>{t.rich("claudeCode.tested", RICH_TAGS)}</Note>
      </DocSection>

      <DocSection id="aider" title={t("sections.aider")}>
        <Paragraph>{t.rich("aider.p1", RICH_TAGS)}</Paragraph>
        <ConfigCode snippet={CONFIG_SNIPPETS.aider} context={context} label={t("aider.configLabel")} />
      </DocSection>

      <DocSection id="codex" title={t("sections.codex")}>
        <Paragraph>{t.rich("codex.p1", RICH_TAGS)}</Paragraph>
        <ConfigCode snippet={CONFIG_SNIPPETS.codex} context={context} label={t("codex.configLabel")} />
        <Note>{t.rich("codex.p2", RICH_TAGS)}</Note>
      </DocSection>
    </>
  );
}
