// The console's tables: a frame that scrolls sideways inside itself (never the page), a caption for screen readers,
// and a header row of column headers; with no rows, a sentence instead of an empty table. Rows are the caller's, and
// their cells bring their own padding.
import type { ReactNode } from "react";

/** A column: its header, or its header with how it is shown. */
export type Column = string | ColumnHeader;

interface ColumnHeader {
  label: string;
  /** Numbers and amounts line up on the right. */
  align?: "right";
  /** A column whose header only a screen reader needs (the row's actions). */
  hideLabel?: boolean;
  /** A column left out on a phone (its cells take the same `hidden sm:table-cell`). */
  narrow?: "hidden";
}

// Each frame is `relative`: a screen-reader-only header (absolutely positioned) then sits inside the frame's scroll area
// instead of widening the page (it made /admin/models scroll sideways on a phone).
const looks = {
  /** A table on the page itself: boxed, with a tinted header band. Cells: `px-3 py-2`. */
  boxed: {
    frame: "relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800",
    head: "bg-zinc-50 text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400",
    cell: "px-3 py-2",
    lastCell: "px-3 py-2",
  },
  /** A table inside a section that is already boxed. Cells: `py-2 pr-3`, the last one `py-2`. */
  inset: {
    frame: "relative overflow-x-auto",
    head: "text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400",
    cell: "py-2 pr-3",
    lastCell: "py-2",
  },
} as const;

export function DataTable({
  caption,
  columns,
  rows,
  empty,
  look = "boxed",
  minWidth,
  testId,
  className,
}: {
  caption: string;
  columns: Column[];
  rows: ReactNode[];
  /** Said instead of the table when there are no rows. */
  empty: string;
  look?: keyof typeof looks;
  /** A `min-w-[…]` class: below it the table scrolls inside its frame. */
  minWidth: string;
  testId?: string;
  /** Classes for the frame, or the sentence that stands for it (their margin). */
  className?: string;
}) {
  const { frame, head, cell, lastCell } = looks[look];
  const margin = className ? ` ${className}` : "";
  if (rows.length === 0) return <p className={`text-sm text-zinc-600 dark:text-zinc-400${margin}`}>{empty}</p>;
  const headers = columns.map((column) => (typeof column === "string" ? { label: column } : column));
  return (
    <div className={`${frame}${margin}`}>
      <table className={`w-full ${minWidth} text-left text-sm`} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className={head}>
          <tr>
            {headers.map((header, index) => (
              <th
                key={header.label}
                scope="col"
                className={`${index === headers.length - 1 ? lastCell : cell} font-medium${header.align === "right" ? " text-right" : ""}${header.narrow === "hidden" ? " hidden sm:table-cell" : ""}`}
              >
                {header.hideLabel ? <span className="sr-only">{header.label}</span> : header.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">{rows}</tbody>
      </table>
    </div>
  );
}
