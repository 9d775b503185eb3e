// The building blocks of a docs page: sections (whose h2 ids make the table of contents), paragraphs with rich text
// from the page's messages, runnable samples, parameter tables, notes and plain code. A page is written with these so
// that every page reads and looks the same.
import Link from "next/link";
import type { ReactNode } from "react";
import { CodeTabs } from "@/components/site/code-tabs";
import { DOC_PAGES } from "@/lib/docs/pages";
import { codeSamples, type SampleContext, type SiteSample } from "@/lib/docs/sample";

const linkClass =
  "font-medium text-emerald-700 underline underline-offset-2 hover:text-emerald-900 dark:text-emerald-400 dark:hover:text-emerald-300";

const SITE_LINKS: Record<string, string> = {
  models: "/models",
  keys: "/keys",
  usage: "/usage",
  billing: "/billing",
  pricing: "/pricing",
  status: "/status",
  playground: "/playground",
  signin: "/signin",
  providers: "/providers",
};

type Chunks = ReactNode;
type Tag = (chunks: Chunks) => ReactNode;

/**
 * The tags a docs message may use: <code>, <strong>, <em>, a link to another docs page as <page-errors>…</page-errors>
 * (any slug), and links to the site's pages: <models>, <keys>, <usage>, <billing>, <pricing>, <status>, <playground>, <providers>,
 * <signin>.
 */
export const RICH_TAGS: Record<string, Tag> = {
  code: (chunks) => (
    <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.875em] dark:bg-zinc-800">{chunks}</code>
  ),
  strong: (chunks) => <strong className="font-semibold text-zinc-900 dark:text-zinc-100">{chunks}</strong>,
  em: (chunks) => <em>{chunks}</em>,
  ...Object.fromEntries(
    DOC_PAGES.map((page) => [
      `page-${page.slug}`,
      (chunks: Chunks) => (
        <Link href={page.path} className={linkClass}>
          {chunks}
        </Link>
      ),
    ]),
  ),
  ...Object.fromEntries(
    Object.entries(SITE_LINKS).map(([name, href]) => [
      name,
      (chunks: Chunks) => (
        <Link href={href} className={linkClass}>
          {chunks}
        </Link>
      ),
    ]),
  ),
};

/** One h2 section of a page; its id is the table of contents' anchor (the page's messages: sections.<id>). */
export function DocSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex scroll-mt-20 flex-col gap-4">
      <h2 id={id} className="scroll-mt-20 text-xl font-semibold tracking-tight sm:text-2xl">
        <a href={`#${id}`} className="hover:underline hover:decoration-zinc-300 hover:underline-offset-4">
          {title}
        </a>
      </h2>
      {children}
    </section>
  );
}

export function SubHeading({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <h3 id={id} className="scroll-mt-20 pt-2 text-base font-semibold">
      {children}
    </h3>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <p className="leading-7 text-zinc-700 dark:text-zinc-300">{children}</p>;
}

export function BulletList({ items }: { items: ReactNode[] }) {
  return (
    <ul className="flex list-disc flex-col gap-1.5 pl-5 leading-7 text-zinc-700 marker:text-zinc-400 dark:text-zinc-300">
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list written in the page, never reordered.
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}

export function Steps({ items }: { items: Array<{ title: ReactNode; body: ReactNode }> }) {
  return (
    <ol className="flex flex-col gap-6">
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list written in the page, never reordered.
        <li key={index} className="grid grid-cols-[2rem_minmax(0,1fr)] gap-x-3">
          <span
            aria-hidden="true"
            className="grid size-7 place-items-center rounded-full bg-zinc-900 text-xs font-semibold text-white dark:bg-zinc-100 dark:text-zinc-900"
          >
            {index + 1}
          </span>
          <div className="flex min-w-0 flex-col gap-3">
            <h3 className="pt-0.5 font-semibold">{item.title}</h3>
            {item.body}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** A note beside the text: "tip" for a shortcut, "warning" for what goes wrong when ignored. */
export function Note({ kind = "tip", children }: { kind?: "tip" | "warning"; children: ReactNode }) {
  const tone =
    kind === "warning"
      ? "border-amber-300 bg-amber-50 dark:border-amber-500/40 dark:bg-amber-500/10"
      : "border-emerald-300 bg-emerald-50 dark:border-emerald-500/40 dark:bg-emerald-500/10";
  return (
    <div className={`rounded-lg border-l-4 px-4 py-3 text-sm leading-6 text-zinc-800 dark:text-zinc-200 ${tone}`}>
      {children}
    </div>
  );
}

/** A runnable sample in curl / Python / Node, with the reader's picked model when it follows the picker. */
export function DocSample({ sample, context, label }: { sample: SiteSample; context: SampleContext; label: string }) {
  return (
    <CodeTabs
      samples={codeSamples(sample, context)}
      label={label}
      modelSlot={sample.followsModelPicker ? context.model : undefined}
    />
  );
}

/**
 * Code that is not a request (a response, headers, a setting in a config file): shown as is, never run. Anything a
 * reader would run against the API belongs in a DocSample, which the sample test runs.
 */
export function PlainCode({ code, label }: { code: string; label: string }) {
  return (
    <figure className="overflow-hidden rounded-xl border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
      <figcaption className="border-b border-zinc-200 px-4 py-2 text-xs font-medium text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
        {label}
      </figcaption>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: code wider than the screen must be reachable to scroll by keyboard. */}
      <pre tabIndex={0} className="overflow-x-auto p-4 text-[13px] leading-relaxed focus-visible:-outline-offset-2">
        <code>{code}</code>
      </pre>
    </figure>
  );
}

export interface TableColumn {
  header: string;
  /** Monospace cells (names, types, values). */
  mono?: boolean;
  /** Long monospace values (JSON) wrap anywhere rather than widen the table; short ones stay on one line. */
  wrap?: boolean;
}

function cellClass(column: TableColumn | undefined): string {
  if (!column?.mono) return "text-zinc-700 dark:text-zinc-300";
  return column.wrap ? "font-mono text-[13px] [overflow-wrap:anywhere]" : "whitespace-nowrap font-mono text-[13px]";
}

/** A table of facts (parameters, headers, errors): every row has one cell per column. */
export function DocTable({ caption, columns, rows }: { caption: string; columns: TableColumn[]; rows: ReactNode[][] }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls, and must be reachable by keyboard to do so.
    <div tabIndex={0} className="overflow-x-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className="px-4 py-2.5 font-medium">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map((row, rowIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed table written in the page, never reordered.
            <tr key={rowIndex} className="align-top">
              {row.map((cell, cellIndex) => (
                <td
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed row.
                  key={cellIndex}
                  className={`px-4 py-2.5 ${cellClass(columns[cellIndex])}`}
                >
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
