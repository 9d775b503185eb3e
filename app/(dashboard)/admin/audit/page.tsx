// /admin/audit: who changed what, newest first, from the console, the CLI and MCP; filtered by actor, target and date,
// a page at a time, each change shown field by field as before → after.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DataTable } from "@/components/admin/data-table";
import { FilterForm } from "@/components/admin/filter-form";
import { AdminPageHeader } from "@/components/admin/page-header";
import { auditFiltersSchema, auditTargetTypes, fieldChanges, listAuditEntries } from "@/lib/admin/audit-log";
import { requireAdmin } from "@/lib/admin/guard";
import { adminMetadata } from "../admin-metadata";
import { type SearchParams, searchParam } from "../search-params";

export const generateMetadata = adminMetadata("admin-audit");

function clean(params: Record<string, string | string[] | undefined>) {
  const picked = Object.fromEntries(
    Object.entries(params)
      .map(([name, value]) => [name, searchParam(value)])
      .filter(([, value]) => value !== ""),
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
  return (
    <div className="space-y-6">
      <AdminPageHeader title={t("title")} description={t("description")} />
      <FilterForm
        action="/admin/audit"
        look="roomy"
        label={t("filters.label")}
        submitLabel={t("filters.apply")}
        clearLabel={t("filters.clear")}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end"
        fields={[
          {
            id: "audit-actor",
            name: "actor",
            label: t("filters.actor"),
            defaultValue: filters.actor ?? "",
            className: "lg:col-span-2",
          },
          {
            id: "audit-target-type",
            name: "targetType",
            label: t("filters.targetType"),
            defaultValue: filters.targetType ?? "",
            anyLabel: t("filters.anyType"),
            // The type asked for stays choosable even when no entry has it any more.
            options: [...new Set([...types, ...(filters.targetType ? [filters.targetType] : [])])].map((type) => ({
              value: type,
              label: type,
            })),
          },
          {
            id: "audit-target-id",
            name: "targetId",
            label: t("filters.targetId"),
            defaultValue: filters.targetId ?? "",
          },
          { id: "audit-from", name: "from", type: "date", label: t("filters.from"), defaultValue: filters.from ?? "" },
          { id: "audit-to", name: "to", type: "date", label: t("filters.to"), defaultValue: filters.to ?? "" },
        ]}
      />
      <DataTable
        caption={t("caption")}
        empty={t("none")}
        minWidth="min-w-[48rem]"
        testId="audit-table"
        columns={[t("table.when"), t("table.actor"), t("table.action"), t("table.target"), t("table.change")]}
        rows={rows.map((row) => (
          <tr key={row.id} className="align-top" data-testid="audit-row">
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
      />
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
