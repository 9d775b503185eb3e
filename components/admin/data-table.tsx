// The console's tables: a frame that scrolls sideways inside itself (never the page), a caption for screen readers,
// and a header row of column headers. Rows are the caller's; their cells bring their own padding.
import type { ReactNode } from "react";

export interface Column {
  label: string;
  /** Numbers and amounts line up on the right. */
  align?: "right";
  /** A column whose header only a screen reader needs (the row's actions). */
  hideLabel?: boolean;
}

const looks = {
  /** A table on the page itself: boxed, with a tinted header band. Cells: `px-3 py-2`. */
  boxed: {
    frame: "overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800",
    head: "bg-zinc-50 text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400",
    cell: "px-3 py-2",
    lastCell: "px-3 py-2",
  },
  /** A table inside a section that is already boxed. Cells: `py-2 pr-3`, the last one `py-2`. */
  inset: {
    frame: "overflow-x-auto",
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
  /** Said in a row of its own when there are no rows; without it the table has an empty body. */
  empty?: ReactNode;
  look?: keyof typeof looks;
  /** A `min-w-[…]` class: below it the table scrolls inside its frame. */
  minWidth: string;
  testId?: string;
  /** Classes for the frame (its margin). */
  className?: string;
}) {
  const { frame, head, cell, lastCell } = looks[look];
  return (
    <div className={className ? `${frame} ${className}` : frame}>
      <table className={`w-full ${minWidth} text-left text-sm`} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className={head}>
          <tr>
            {columns.map((column, index) => (
              <th
                key={column.label}
                scope="col"
                className={`${index === columns.length - 1 ? lastCell : cell} font-medium${column.align === "right" ? " text-right" : ""}`}
              >
                {column.hideLabel ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.length === 0 && empty ? (
            <tr>
              <td colSpan={columns.length} className={`${cell} text-zinc-600 dark:text-zinc-400`}>
                {empty}
              </td>
            </tr>
          ) : (
            rows
          )}
        </tbody>
      </table>
    </div>
  );
}
