// /admin/users: every account, searchable by email, newest first; each links to its page.
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/admin/data-table";
import { FilterForm } from "@/components/admin/filter-form";
import { LabelledInput } from "@/components/admin/labelled-input";
import { Badge, FormNotice } from "@/components/admin/notice";
import { AdminPageHeader } from "@/components/admin/page-header";
import { secondaryButton } from "@/components/ui/styles";
import { searchUsers } from "@/lib/admin/accounts";
import { requireAdmin } from "@/lib/admin/guard";
import { formatUsdCents } from "@/lib/money";
import { adminMetadata } from "../admin-metadata";
import { type SearchParams, searchParam } from "../search-params";
import { createUserAction } from "./actions";

export const generateMetadata = adminMetadata("admin-users");

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const params = await searchParams;
  const query = searchParam(params.q).slice(0, 200);
  const page = Math.max(0, Math.min(10_000, Number.parseInt(searchParam(params.page), 10) || 0));
  const [t, locale, { users, hasMore }] = await Promise.all([
    getTranslations("admin-users"),
    getLocale(),
    searchUsers(query, { page }),
  ]);
  const pageLink = (to: number) => `/admin/users?${new URLSearchParams({ q: query, page: String(to) }).toString()}`;
  const createError = searchParam(params.error);
  return (
    <div className="space-y-6">
      <AdminPageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
        <search>
          <FilterForm
            action="/admin/users"
            look="roomy"
            submitLabel={t("search.submit")}
            fields={[
              {
                id: "user-search",
                name: "q",
                type: "search",
                label: t("search.label"),
                defaultValue: query,
                placeholder: t("search.placeholder"),
                className: "w-64",
              },
            ]}
          />
        </search>
        <form action={createUserAction} className="flex flex-wrap items-end gap-2">
          <LabelledInput
            id="new-user-email"
            name="email"
            type="email"
            required
            label={t("create.label")}
            className="w-64"
            // The refusal is the notice under these forms, not a line under the field.
            aria-invalid={createError ? true : undefined}
            aria-describedby={createError ? "create-user-error" : undefined}
          />
          <button type="submit" className={secondaryButton}>
            {t("create.submit")}
          </button>
        </form>
      </div>
      {createError ? (
        <FormNotice kind="error" id="create-user-error">
          {createError}
        </FormNotice>
      ) : null}
      <DataTable
        caption={t("table.caption")}
        empty={query ? t("noMatch", { query }) : t("none")}
        minWidth="min-w-[40rem]"
        columns={[
          t("table.email"),
          { label: t("table.balance"), align: "right" },
          { label: t("table.keys"), align: "right" },
          t("table.status"),
          t("table.created"),
        ]}
        rows={users.map((user) => (
          <tr key={user.id} data-testid="user-row">
            <td className="px-3 py-2">
              <Link
                href={`/admin/users/${encodeURIComponent(user.id)}`}
                className="font-medium underline-offset-2 hover:underline"
              >
                {user.email ?? user.id}
              </Link>
            </td>
            <td className="px-3 py-2 text-right tabular-nums">{formatUsdCents(user.balanceMicros, { locale })}</td>
            <td className="px-3 py-2 text-right tabular-nums">{user.keys}</td>
            <td className="space-x-1 px-3 py-2">
              {user.isAdmin ? <Badge tone="neutral">{t("badge.admin")}</Badge> : null}
              {user.suspendedAt ? <Badge tone="danger">{t("badge.suspended")}</Badge> : null}
            </td>
            <td className="whitespace-nowrap px-3 py-2 text-zinc-600 dark:text-zinc-400">
              {user.createdAt.toISOString().slice(0, 10)}
            </td>
          </tr>
        ))}
      />
      <nav aria-label={t("pages")} className="flex gap-3 text-sm">
        {page > 0 ? (
          <Link href={pageLink(page - 1)} className="underline underline-offset-2">
            {t("previous")}
          </Link>
        ) : null}
        {hasMore ? (
          <Link href={pageLink(page + 1)} className="underline underline-offset-2">
            {t("next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
