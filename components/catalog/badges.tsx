// A model's status and capabilities as small labels. Colours pair a tinted background with text that keeps 4.5:1
// contrast on it, in both themes; the word, not the colour, carries the meaning.
import type { PublicCapability, PublicStatus } from "@/lib/catalog/public-models";

const STATUS_STYLE: Record<PublicStatus, { pill: string; dot: string }> = {
  live: {
    pill: "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-950/50 dark:text-emerald-300 dark:ring-emerald-400/25",
    dot: "bg-emerald-500",
  },
  free: {
    pill: "bg-sky-50 text-sky-800 ring-sky-600/20 dark:bg-sky-950/50 dark:text-sky-300 dark:ring-sky-400/25",
    dot: "bg-sky-500",
  },
  soon: {
    pill: "bg-amber-50 text-amber-800 ring-amber-600/25 dark:bg-amber-950/40 dark:text-amber-300 dark:ring-amber-400/25",
    dot: "bg-amber-500",
  },
  unavailable: {
    pill: "bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-800/70 dark:text-zinc-300 dark:ring-zinc-400/20",
    dot: "bg-zinc-400",
  },
};

export function StatusBadge({ status, label, title }: { status: PublicStatus; label: string; title?: string }) {
  const style = STATUS_STYLE[status];
  return (
    <span
      title={title}
      data-status={status}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.pill}`}
    >
      <span aria-hidden="true" className={`size-1.5 rounded-full ${style.dot}`} />
      {label}
    </span>
  );
}

export function CapabilityList({
  capabilities,
  labels,
  className = "",
}: {
  capabilities: PublicCapability[];
  labels: Record<PublicCapability, string>;
  className?: string;
}) {
  if (capabilities.length === 0) return null;
  return (
    <ul className={`flex flex-wrap gap-1 ${className}`}>
      {capabilities.map((capability) => (
        <li
          key={capability}
          className="whitespace-nowrap rounded border border-zinc-200 px-1.5 py-px text-[11px] font-medium text-zinc-700 dark:border-zinc-700 dark:text-zinc-300"
        >
          {labels[capability]}
        </li>
      ))}
    </ul>
  );
}
