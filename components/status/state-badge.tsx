// A component's state as a word with a coloured dot; the word carries the meaning, the colour helps scanning.
import type { ComponentState } from "@/lib/catalog/public-status";

const STYLE: Record<ComponentState | "notConfigured", { pill: string; dot: string }> = {
  operational: {
    pill: "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-950/50 dark:text-emerald-300 dark:ring-emerald-400/25",
    dot: "bg-emerald-500",
  },
  degraded: {
    pill: "bg-amber-50 text-amber-800 ring-amber-600/25 dark:bg-amber-950/40 dark:text-amber-300 dark:ring-amber-400/25",
    dot: "bg-amber-500",
  },
  down: {
    pill: "bg-red-50 text-red-800 ring-red-600/20 dark:bg-red-950/50 dark:text-red-300 dark:ring-red-400/25",
    dot: "bg-red-500",
  },
  notConfigured: {
    pill: "bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-800/70 dark:text-zinc-300 dark:ring-zinc-400/20",
    dot: "bg-zinc-400",
  },
};

export function StateBadge({ state, label }: { state: ComponentState | "notConfigured"; label: string }) {
  const style = STYLE[state];
  return (
    <span
      data-state={state}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${style.pill}`}
    >
      <span aria-hidden="true" className={`size-1.5 rounded-full ${style.dot}`} />
      {label}
    </span>
  );
}
