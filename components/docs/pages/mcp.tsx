// /docs/mcp – the control plane as MCP tools: an admin token, adding the server to Claude Code and other MCP clients,
// and every tool with its arguments, generated from the tools the server registers (lib/docs/mcp-reference.ts).
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import {
  BulletList,
  DocSection,
  DocTable,
  Note,
  Paragraph,
  PlainCode,
  RICH_TAGS,
  Steps,
} from "@/components/docs/prose";
import { type McpToolRow, mcpToolReference } from "@/lib/docs/mcp-reference";

const TOKEN_PLACEHOLDER = "sy-admin-…";

function clientConfig(mcpUrl: string): string {
  return JSON.stringify(
    {
      mcpServers: {
        switchyard: { type: "http", url: mcpUrl, headers: { Authorization: `Bearer ${TOKEN_PLACEHOLDER}` } },
      },
    },
    null,
    2,
  );
}

export default async function Mcp({ context }: DocPageProps) {
  const t = await getTranslations("docs-mcp");
  const mcpUrl = `${context.origin}/api/mcp`;
  const tools = mcpToolReference();
  const argumentsCell = (tool: McpToolRow) =>
    tool.arguments.length === 0 ? (
      <span className="text-zinc-600 dark:text-zinc-400">{t("tools.none")}</span>
    ) : (
      <ul className="space-y-1.5">
        {tool.arguments.map((argument) => (
          <li key={argument.name}>
            <code className="font-mono text-[13px] text-zinc-900 dark:text-zinc-100">{argument.name}</code>{" "}
            <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">
              {argument.type}
              {argument.required ? ` · ${t("tools.required")}` : ""}
            </span>
            <span className="block text-xs">{argument.description}</span>
          </li>
        ))}
      </ul>
    );

  return (
    <>
      <DocSection id="token" title={t("sections.token")}>
        <Paragraph>{t.rich("token.p1", RICH_TAGS)}</Paragraph>
        <Steps
          items={[
            { title: t("token.step1Title"), body: <Paragraph>{t.rich("token.step1", RICH_TAGS)}</Paragraph> },
            { title: t("token.step2Title"), body: <Paragraph>{t.rich("token.step2", RICH_TAGS)}</Paragraph> },
          ]}
        />
        <PlainCode
          label={t("token.cliLabel")}
          code={'npm run -s cli -- admin token create --email you@example.com --name "Claude Code"'}
        />
        <Note kind="warning">{t.rich("token.warning", RICH_TAGS)}</Note>
      </DocSection>

      <DocSection id="claude-code" title={t("sections.claude-code")}>
        <Paragraph>{t.rich("claudeCode.p1", RICH_TAGS)}</Paragraph>
        <PlainCode
          label={t("claudeCode.label")}
          code={`claude mcp add switchyard --transport http ${mcpUrl} --header "Authorization: Bearer ${TOKEN_PLACEHOLDER}"`}
        />
        <Paragraph>{t.rich("claudeCode.p2", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="other-clients" title={t("sections.other-clients")}>
        <Paragraph>{t.rich("otherClients.p1", RICH_TAGS)}</Paragraph>
        <PlainCode label={t("otherClients.label")} code={clientConfig(mcpUrl)} />
        <Paragraph>{t.rich("otherClients.p2", RICH_TAGS)}</Paragraph>
      </DocSection>

      <DocSection id="conventions" title={t("sections.conventions")}>
        <BulletList
          items={[
            t.rich("conventions.email", RICH_TAGS),
            t.rich("conventions.usd", RICH_TAGS),
            t.rich("conventions.keyId", RICH_TAGS),
            t.rich("conventions.model", RICH_TAGS),
            t.rich("conventions.results", RICH_TAGS),
            t.rich("conventions.errors", RICH_TAGS),
          ]}
        />
      </DocSection>

      <DocSection id="tools" title={t("sections.tools")}>
        <Paragraph>{t.rich("tools.intro", RICH_TAGS)}</Paragraph>
        <DocTable
          caption={t("tools.caption")}
          columns={[
            { header: t("tools.name"), mono: true },
            { header: t("tools.what") },
            { header: t("tools.arguments") },
          ]}
          rows={tools.map((tool) => [
            <span key={tool.name} className="flex flex-col gap-0.5">
              <span id={tool.name} className="scroll-mt-20 font-medium text-zinc-900 dark:text-zinc-100">
                {tool.name}
              </span>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">
                {tool.mutates ? t("tools.changes") : t("tools.reads")}
              </span>
            </span>,
            tool.description,
            argumentsCell(tool),
          ])}
        />
      </DocSection>

      <DocSection id="security" title={t("sections.security")}>
        <BulletList
          items={[
            t.rich("security.unauthorised", RICH_TAGS),
            t.rich("security.audit", RICH_TAGS),
            t.rich("security.revoke", RICH_TAGS),
          ]}
        />
      </DocSection>
    </>
  );
}
