// /admin/audit: who changed what, newest first, from the console, the CLI and MCP; filtered by actor, target and date,
// a page at a time, each change shown field by field as before → after.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { fieldControl, primaryButton } from "@/components/ui/styles";
import { auditFiltersSchema, auditTargetTypes, fieldChanges, listAuditEntries } from "@/lib/admin/audit-log";
import { requireAdmin } from "@/lib/admin/guard";

export async function generateMetadata(): Promise<Metadata> {
  // Only an admin learns what the page is: anyone else gets the 404 without a title that gives the console away.
  await requireAdmin();
  const t = await getTranslations("admin-audit");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function clean(params: Record<string, string | string[] | undefined>) {
  const picked = Object.fromEntries(
    Object.entries(params)
      .filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].trim() !== "")
      .map(([name, value]) => [name, value.trim()]),
  );
  return auditFiltersSchema.parse(picked);
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const filters = clean(await searchParams);
  const [t, { rows, next }, types] = await Promise.all([
    getTranslations("admin-audit"),
    listAuditEntries(filters),
    auditTargetTypes(),
  ]);
  const { before: _page, ...kept } = filters;
  const query = (extra: Record<string, string>) =>
    `/admin/audit?${new URLSearchParams({ ...(kept as Record<string, string>), ...extra }).toString()}`;
  const input = `${fieldControl} mt-1 w-full px-3 py-2 dark:bg-zinc-900`;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("description")}</p>
      </header>
      <form
        method="get"
        action="/admin/audit"
        aria-label={t("filters.label")}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end"
      >
        <div className="lg:col-span-2">
          <label htmlFor="audit-actor" className="block text-sm font-medium">
            {t("filters.actor")}
          </label>
          <input id="audit-actor" name="actor" defaultValue={filters.actor ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor="audit-target-type" className="block text-sm font-medium">
            {t("filters.targetType")}
          </label>
          <select id="audit-target-type" name="targetType" defaultValue={filters.targetType ?? ""} className={input}>
            <option value="">{t("filters.anyType")}</option>
            {[...new Set([...types, ...(filters.targetType ? [filters.targetType] : [])])].map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-target-id" className="block text-sm font-medium">
            {t("filters.targetId")}
          </label>
          <input id="audit-target-id" name="targetId" defaultValue={filters.targetId ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor="audit-from" className="block text-sm font-medium">
            {t("filters.from")}
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor="audit-to" className="block text-sm font-medium">
            {t("filters.to")}
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} className={input} />
        </div>
        <div className="flex gap-3 lg:col-span-6">
          <button type="submit" className={primaryButton}>
            {t("filters.apply")}
          </button>
          <Link href="/admin/audit" className="self-center text-sm underline underline-offset-2">
            {t("filters.clear")}
          </Link>
        </div>
      </form>
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
          <table className="w-full min-w-[48rem] text-left text-sm" data-testid="audit-table">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("table.when")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("table.actor")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("table.action")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("table.target")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("table.change")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 align-top dark:divide-zinc-800">
              {rows.map((row) => (
                <tr key={row.id} data-testid="audit-row">
                  <td className="whitespace-nowrap px-3 py-2 text-zinc-600 dark:text-zinc-400">
                    <time dateTime={row.createdAt.toISOString()}>
                      {row.createdAt.toISOString().slice(0, 19).replace("T", " ")} UTC
                    </time>
                  </td>
                  <td className="px-3 py-2">
                    <span className="break-all">{row.actorEmail}</span>
                    <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                      {t(`via.${row.via}` as "via.console")}
                    </span>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{row.action}</td>
                  <td className="px-3 py-2">
                    <Link
                      href={query({ targetType: row.targetType, targetId: row.targetId })}
                      className="break-all underline-offset-2 hover:underline"
                    >
                      {row.targetType}: {row.targetId}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <dl className="space-y-1">
                      {fieldChanges(row.before, row.after).map((change) => (
                        <div key={change.field} className="flex flex-wrap gap-x-2">
                          <dt className="font-medium">{change.field}</dt>
                          <dd className="break-all">
                            <span className="text-zinc-600 dark:text-zinc-400">{change.before ?? "—"}</span>
                            <span aria-hidden="true"> → </span>
                            <span className="sr-only">{t("changedTo")}</span>
                            <span>{change.after ?? "—"}</span>
                          </dd>
                        </div>
                      ))}
                    </dl>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("pages")} className="flex gap-3 text-sm">
        {filters.before ? (
          <Link href={query({})} className="underline underline-offset-2">
            {t("newest")}
          </Link>
        ) : null}
        {next ? (
          <Link href={query({ before: next })} className="underline underline-offset-2">
            {t("older")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
