// The frame of every docs page: the navigation (grouped; a folded menu on a phone), the model picker, the page with
// its title, an on-page table of contents from its h2 sections, and links to the previous and next page. Server-
// rendered, and usable without JavaScript: the menus are <details>, every link a plain link.
import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { DOC_GROUPS, DOC_PAGES, type DocPage, neighbours } from "@/lib/docs/pages";
import { ModelPicker } from "./model-picker";

export interface TocEntry {
  id: string;
  title: string;
}

interface NavEntry {
  page: DocPage;
  title: string;
}

async function navigation(): Promise<Array<{ group: string; title: string; entries: NavEntry[] }>> {
  const t = await getTranslations("docs");
  const titles = await Promise.all(
    DOC_PAGES.map(async (page) => ({ page, title: (await getTranslations(page.namespace))("navTitle") })),
  );
  return DOC_GROUPS.map((group) => ({
    group,
    title: t(`groups.${group}`),
    entries: titles.filter((entry) => entry.page.group === group),
  }));
}

function NavList({ groups, current }: { groups: Awaited<ReturnType<typeof navigation>>; current: DocPage }) {
  return (
    <div className="flex flex-col gap-6">
      {groups.map((group) => (
        <div key={group.group} className="flex flex-col gap-1.5">
          <p className="px-2 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
            {group.title}
          </p>
          <ul className="flex flex-col">
            {group.entries.map(({ page, title }) => {
              const here = page.slug === current.slug;
              return (
                <li key={page.slug}>
                  <Link
                    href={page.path}
                    aria-current={here ? "page" : undefined}
                    className={`block rounded-md px-2 py-1.5 text-sm ${here ? "bg-zinc-100 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100" : "text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-900 dark:hover:text-zinc-100"}`}
                  >
                    {title}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </div>
  );
}

function TocList({ entries }: { entries: TocEntry[] }) {
  return (
    <ul className="flex flex-col gap-1 border-l border-zinc-200 dark:border-zinc-800">
      {entries.map((entry) => (
        <li key={entry.id}>
          <a
            href={`#${entry.id}`}
            className="-ml-px block border-l border-transparent py-1 pl-3 text-sm text-zinc-600 hover:border-zinc-400 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
          >
            {entry.title}
          </a>
        </li>
      ))}
    </ul>
  );
}

export async function DocsShell({
  page,
  title,
  description,
  toc,
  models,
  defaultModel,
  children,
}: {
  page: DocPage;
  title: string;
  description: string;
  toc: TocEntry[];
  /** The chat models the picker offers. */
  models: string[];
  defaultModel: string;
  children: ReactNode;
}) {
  const t = await getTranslations("docs");
  const groups = await navigation();
  const { previous, next } = neighbours(page.slug);
  const [previousTitle, nextTitle] = await Promise.all(
    [previous, next].map(async (other) => (other ? (await getTranslations(other.namespace))("navTitle") : undefined)),
  );

  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-8 sm:px-6 lg:grid lg:grid-cols-[13rem_minmax(0,1fr)] lg:gap-10 lg:py-10 xl:grid-cols-[13rem_minmax(0,1fr)_12rem]">
      <details className="group mb-6 rounded-lg border border-zinc-200 lg:hidden dark:border-zinc-800">
        <summary className="flex cursor-pointer list-none items-center justify-between px-4 py-3 text-sm font-medium">
          <span>
            {t("menu")}: <span className="text-zinc-600 dark:text-zinc-400">{title}</span>
          </span>
          <span aria-hidden="true" className="transition-transform group-open:rotate-180">
            ▾
          </span>
        </summary>
        <nav aria-label={t("navLabel")} className="border-t border-zinc-200 p-3 dark:border-zinc-800">
          <NavList groups={groups} current={page} />
        </nav>
      </details>

      <nav
        aria-label={t("navLabel")}
        className="sticky top-20 hidden max-h-[calc(100vh-6rem)] self-start overflow-y-auto pb-6 lg:block"
      >
        <NavList groups={groups} current={page} />
      </nav>

      <article className="flex min-w-0 flex-col gap-10">
        <header className="flex flex-col gap-4 border-b border-zinc-200 pb-8 dark:border-zinc-800">
          <p className="text-sm font-medium text-emerald-700 dark:text-emerald-400">{t(`groups.${page.group}`)}</p>
          <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">{title}</h1>
          <p className="max-w-3xl text-lg leading-relaxed text-zinc-600 dark:text-zinc-400">{description}</p>
          <div className="mt-2 rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900/60">
            <ModelPicker
              models={models}
              defaultModel={defaultModel}
              label={t("picker.label")}
              hint={t("picker.hint")}
            />
          </div>
          {toc.length > 0 ? (
            <details className="rounded-lg border border-zinc-200 xl:hidden dark:border-zinc-800">
              <summary className="cursor-pointer px-4 py-2.5 text-sm font-medium">{t("onThisPage")}</summary>
              <nav aria-label={t("onThisPage")} className="px-4 pb-3">
                <TocList entries={toc} />
              </nav>
            </details>
          ) : null}
        </header>

        {children}

        <nav
          aria-label={t("pagerLabel")}
          className="grid gap-3 border-t border-zinc-200 pt-8 sm:grid-cols-2 dark:border-zinc-800"
        >
          {previous && previousTitle ? (
            <Link
              href={previous.path}
              rel="prev"
              className="flex flex-col gap-1 rounded-lg border border-zinc-200 px-4 py-3 hover:border-zinc-400 dark:border-zinc-800 dark:hover:border-zinc-600"
            >
              <span className="text-xs text-zinc-600 dark:text-zinc-400">← {t("previous")}</span>
              <span className="font-medium">{previousTitle}</span>
            </Link>
          ) : (
            <span />
          )}
          {next && nextTitle ? (
            <Link
              href={next.path}
              rel="next"
              className="flex flex-col gap-1 rounded-lg border border-zinc-200 px-4 py-3 text-right hover:border-zinc-400 dark:border-zinc-800 dark:hover:border-zinc-600"
            >
              <span className="text-xs text-zinc-600 dark:text-zinc-400">{t("next")} →</span>
              <span className="font-medium">{nextTitle}</span>
            </Link>
          ) : null}
        </nav>
      </article>

      {toc.length > 0 ? (
        <aside className="sticky top-20 hidden max-h-[calc(100vh-6rem)] self-start overflow-y-auto xl:block">
          <nav aria-label={t("onThisPage")} className="flex flex-col gap-3">
            <p className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
              {t("onThisPage")}
            </p>
            <TocList entries={toc} />
          </nav>
        </aside>
      ) : null}
    </div>
  );
}
