// Small pieces the console's catalog pages share.
import type { ReactNode } from "react";

const tones = {
  good: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  warn: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  bad: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  info: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  muted: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
} as const;

export function Badge({ tone, children }: { tone: keyof typeof tones; children: ReactNode }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

/** A moment as operators compare it with logs: UTC, to the second. */
export function formatTime(date: Date | null): string {
  if (!date) return "—";
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** A part of a catalog page that opens on demand (a form to add or edit, an import). */
export function Disclosure({
  summary,
  open,
  className,
  children,
}: {
  summary: string;
  open?: boolean;
  /** Classes for the box (its margin). */
  className?: string;
  children: ReactNode;
}) {
  const box = "rounded-md border border-zinc-200 p-3 dark:border-zinc-800";
  return (
    <details className={className ? `${box} ${className}` : box} open={open}>
      <summary className="cursor-pointer text-sm font-medium">{summary}</summary>
      {children}
    </details>
  );
}
