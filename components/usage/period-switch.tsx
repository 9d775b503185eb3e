import Link from "next/link";
import { usageQuery, type UsageParams, type UsageSplit } from "./params";

const PERIODS = [7, 30, 90] as const;
const SPLITS: Array<{ value: UsageSplit; label: string }> = [
  { value: "model", label: "By model" },
  { value: "key", label: "By key" },
];

function Segment({ href, active, children }: { href: string; active: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      scroll={false}
      className={`whitespace-nowrap rounded px-3 py-1.5 text-sm font-medium ${active ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-700 dark:text-white" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white"}`}
    >
      {children}
    </Link>
  );
}

export function PeriodSwitch({ params }: { params: UsageParams }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <nav aria-label="Period" className="inline-flex gap-1 rounded-md bg-zinc-100 p-1 dark:bg-zinc-900">
        {PERIODS.map((days) => (
          <Segment
            key={days}
            href={`/usage${usageQuery(params, { days, cursor: undefined })}`}
            active={params.days === days}
          >
            {days} days
          </Segment>
        ))}
      </nav>
      <nav aria-label="Split" className="inline-flex gap-1 rounded-md bg-zinc-100 p-1 dark:bg-zinc-900">
        {SPLITS.map((split) => (
          <Segment
            key={split.value}
            href={`/usage${usageQuery(params, { split: split.value, cursor: undefined })}`}
            active={params.split === split.value}
          >
            {split.label}
          </Segment>
        ))}
      </nav>
    </div>
  );
}
