// /admin/tokens – admin access tokens for the MCP server: mint one (shown once, with the Claude Code command), list, revoke.
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/admin/data-table";
import { MintTokenForm } from "@/components/admin/mint-token-form";
import { AdminPageHeader } from "@/components/admin/page-header";
import type { Locale } from "@/i18n/locales";
import { messagesFor } from "@/i18n/messages";
import { requireAdmin } from "@/lib/admin/guard";
import { listAdminTokens } from "@/lib/admin/tokens";
import { env } from "@/lib/env";
import { siteOrigin } from "@/lib/site-origin";
import { adminMetadata } from "../admin-metadata";
import { mintTokenAction, revokeTokenAction } from "./actions";

export const generateMetadata = adminMetadata("admin-tokens");

export default async function AdminTokensPage() {
  await requireAdmin();
  const locale = (await getLocale()) as Locale;
  const text = messagesFor(locale)["admin-tokens"];
  const t = await getTranslations("admin-tokens");
  const list = await headers();
  const origin = siteOrigin({ authUrl: env().AUTH_URL, header: (name) => list.get(name) }) ?? "https://your-switchyard";
  const tokens = await listAdminTokens();
  const when = (date: Date | null) =>
    date
      ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date)
      : "—";
  return (
    <div className="space-y-8">
      <AdminPageHeader title={t("title")} description={t("description")} />
      <MintTokenForm action={mintTokenAction} mcpUrl={`${origin}/api/mcp`} text={text.mint} />
      <section aria-labelledby="tokens-heading" className="space-y-3">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          {t("list.title")}
        </h2>
        <DataTable
          caption={t("list.title")}
          empty={t("list.empty")}
          minWidth="min-w-[40rem]"
          columns={[
            t("list.name"),
            t("list.admin"),
            t("list.token"),
            t("list.created"),
            t("list.lastUsed"),
            { label: t("list.actions"), hideLabel: true },
          ]}
          rows={tokens.map((token) => (
            <tr key={token.id} data-testid="admin-token-row">
              <td className="px-3 py-2 font-medium">{token.name}</td>
              <td className="px-3 py-2">{token.email}</td>
              <td className="px-3 py-2 font-mono text-xs">sy-admin-…{token.lastFour}</td>
              <td className="px-3 py-2">{when(token.createdAt)}</td>
              <td className="px-3 py-2">{when(token.lastUsedAt)}</td>
              <td className="px-3 py-2 text-right">
                {token.revokedAt ? (
                  <span className="text-xs text-zinc-600 dark:text-zinc-400">
                    {t("list.revokedOn", { date: when(token.revokedAt) })}
                  </span>
                ) : (
                  <form action={revokeTokenAction}>
                    <input type="hidden" name="id" value={token.id} />
                    <button
                      type="submit"
                      aria-label={t("list.revokeLabel", { name: token.name })}
                      className="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium text-red-700 hover:bg-red-50 dark:border-zinc-700 dark:text-red-400 dark:hover:bg-red-950/40"
                    >
                      {t("list.revoke")}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        />
      </section>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {t.rich("docsLink", {
          link: (chunks) => (
            <a href="/docs/mcp" className="font-medium underline">
              {chunks}
            </a>
          ),
        })}
      </p>
    </div>
  );
}
