// /admin/users: every account, searchable by email, newest first; each links to its page.
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, FormNotice } from "@/components/admin/notice";
import { fieldControl, primaryButton, secondaryButton } from "@/components/ui/styles";
import { searchUsers } from "@/lib/admin/accounts";
import { requireAdmin } from "@/lib/admin/guard";
import { formatUsdCents } from "@/lib/money";
import { createUserAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  // Only an admin learns what the page is: anyone else gets the 404 without a title that gives the console away.
  await requireAdmin();
  const t = await getTranslations("admin-users");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const params = await searchParams;
  const query = one(params.q).slice(0, 200);
  const page = Math.max(0, Math.min(10_000, Number.parseInt(one(params.page), 10) || 0));
  const [t, locale, { users, hasMore }] = await Promise.all([
    getTranslations("admin-users"),
    getLocale(),
    searchUsers(query, { page }),
  ]);
  const pageLink = (to: number) => `/admin/users?${new URLSearchParams({ q: query, page: String(to) }).toString()}`;
  const createError = one(params.error);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("description")}</p>
      </header>
      <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
        <search>
          <form method="get" action="/admin/users" className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor="user-search" className="block text-sm font-medium">
                {t("search.label")}
              </label>
              <input
                id="user-search"
                name="q"
                type="search"
                defaultValue={query}
                placeholder={t("search.placeholder")}
                className={`${fieldControl} mt-1 w-64 px-3 py-2 dark:bg-zinc-900`}
              />
            </div>
            <button type="submit" className={primaryButton}>
              {t("search.submit")}
            </button>
          </form>
        </search>
        <form action={createUserAction} className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="new-user-email" className="block text-sm font-medium">
              {t("create.label")}
            </label>
            <input
              id="new-user-email"
              name="email"
              type="email"
              required
              aria-invalid={createError ? true : undefined}
              aria-describedby={createError ? "create-user-error" : undefined}
              className={`${fieldControl} mt-1 w-64 px-3 py-2 dark:bg-zinc-900`}
            />
          </div>
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
      {users.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{query ? t("noMatch", { query }) : t("none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">{t("table.caption")}</caption>
            <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("table.email")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("table.balance")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {t("table.keys")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("table.status")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("table.created")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {users.map((user) => (
                <tr key={user.id} data-testid="user-row">
                  <td className="px-3 py-2">
                    <Link
                      href={`/admin/users/${encodeURIComponent(user.id)}`}
                      className="font-medium underline-offset-2 hover:underline"
                    >
                      {user.email ?? user.id}
                    </Link>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {formatUsdCents(user.balanceMicros, { locale })}
                  </td>
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
            </tbody>
          </table>
        </div>
      )}
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
