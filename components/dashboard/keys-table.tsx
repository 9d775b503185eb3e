import type { ReactNode } from "react";
import type { ApiKeyRow } from "@/lib/db/queries/dashboard";
import type { KeyFormValues } from "@/lib/keys/key-form-state";
import { formatUsd, formatUsdCents } from "@/lib/money";
import { KeyRow, type KeyRowActions } from "./key-row";

const dateFormat = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

function status(key: ApiKeyRow, now: Date): { label: string; tone: string } {
  if (key.revokedAt) return { label: "Revoked", tone: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" };
  if (key.expiresAt && key.expiresAt <= now)
    return { label: "Expired", tone: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300" };
  return { label: "Active", tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" };
}

/** A short list in full, a longer one as a count (the chip's title lists every entry). */
function listed(items: string[], noun: string): string {
  return items.length <= 2 ? items.join(", ") : `${items.length} ${noun}`;
}

/** The limits other than the budget (shown with the spend), as short chips; none means the key can call anything. */
function limitChips(key: ApiKeyRow): Array<{ label: string; title?: string }> {
  return [
    key.rpmLimit ? { label: `${key.rpmLimit.toLocaleString("en")} rpm` } : null,
    key.allowedModels.length
      ? { label: `Models: ${listed(key.allowedModels, "models")}`, title: key.allowedModels.join("\n") }
      : null,
    key.allowedIps.length
      ? { label: `IPs: ${listed(key.allowedIps, "addresses or ranges")}`, title: key.allowedIps.join("\n") }
      : null,
  ].filter((chip) => chip !== null);
}

/** The edit form's starting values: the key's current settings as the fields take them. */
function formValues(key: ApiKeyRow): KeyFormValues {
  return {
    name: key.name,
    rpmLimit: key.rpmLimit?.toString() ?? "",
    monthlyBudgetUsd: key.monthlyBudgetMicros ? formatUsd(key.monthlyBudgetMicros).replace(/[$,]/g, "") : "",
    expiresOn: key.expiresAt?.toISOString().slice(0, 10) ?? "",
    allowedModels: key.allowedModels.join(", "),
    allowedIps: key.allowedIps.join(", "),
  };
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500">{term}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

function Spend({ spent, budget }: { spent: bigint; budget: bigint | null }) {
  if (!budget) return <span data-testid="key-spend">{formatUsdCents(spent)}</span>;
  const percent = Number((spent * 100n) / budget);
  return (
    <>
      <span data-testid="key-spend">
        {formatUsdCents(spent)} of {formatUsdCents(budget)}
      </span>
      <span
        aria-hidden
        className="mt-1 block h-1.5 w-full max-w-40 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <span
          className={`block h-full rounded-full ${percent >= 100 ? "bg-red-500" : percent >= 80 ? "bg-amber-500" : "bg-emerald-500"}`}
          style={{ width: `${Math.min(100, Math.max(percent, spent > 0n ? 2 : 0))}%` }}
        />
      </span>
    </>
  );
}

export function KeysTable({
  keys,
  spend,
  now,
  actions,
}: {
  keys: ApiKeyRow[];
  spend: Map<string, bigint>;
  now: Date;
  actions: KeyRowActions;
}) {
  if (keys.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        No keys yet. Create one above.
      </p>
    );
  }
  return (
    <section aria-labelledby="your-keys" className="space-y-3">
      <h2 id="your-keys" className="text-base font-semibold">
        Your keys
      </h2>
      <ul className="divide-y divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {keys.map((key) => {
          const state = status(key, now);
          const chips = limitChips(key);
          return (
            <KeyRow
              key={key.id}
              keyId={key.id}
              keyName={key.name}
              values={key.revokedAt ? null : formValues(key)}
              actions={actions}
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="break-all font-medium">{key.name}</span>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${state.tone}`}>{state.label}</span>
              </div>
              <code className="mt-1 block font-mono text-sm text-zinc-600 dark:text-zinc-400">
                {key.prefix}…{key.lastFour}
              </code>
              <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-3 lg:grid-cols-4">
                <Detail term="Created">{dateFormat.format(key.createdAt)}</Detail>
                <Detail term="Last used">{key.lastUsedAt ? dateFormat.format(key.lastUsedAt) : "Never"}</Detail>
                <Detail term="Spend this month">
                  <Spend spent={spend.get(key.id) ?? 0n} budget={key.monthlyBudgetMicros} />
                </Detail>
                <Detail term={key.revokedAt ? "Revoked" : "Expires"}>
                  {key.revokedAt
                    ? dateFormat.format(key.revokedAt)
                    : key.expiresAt
                      ? dateFormat.format(key.expiresAt)
                      : "Never"}
                </Detail>
              </dl>
              <ul aria-label="Limits" className="mt-3 flex flex-wrap gap-1.5">
                {chips.length === 0 ? (
                  <li className="text-xs text-zinc-500">No rate, model or IP limits</li>
                ) : (
                  chips.map((chip) => (
                    <li
                      key={chip.label}
                      title={chip.title}
                      className="max-w-full truncate rounded-md bg-zinc-100 px-2 py-0.5 font-mono text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
                    >
                      {chip.label}
                    </li>
                  ))
                )}
              </ul>
            </KeyRow>
          );
        })}
      </ul>
    </section>
  );
}
