import type { ApiKeyRow } from "@/lib/db/queries/dashboard";
import { formatUsd } from "@/lib/money";
import { RevokeKeyButton } from "./revoke-key-button";

type RevokeAction = (input: { keyId: string }) => Promise<{ ok: boolean; message?: string }>;

const dateFormat = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

function status(key: ApiKeyRow, now: Date): { label: string; tone: string } {
  if (key.revokedAt) return { label: "Revoked", tone: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" };
  if (key.expiresAt && key.expiresAt <= now) return { label: "Expired", tone: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300" };
  return { label: "Active", tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" };
}

function limits(key: ApiKeyRow): string {
  const parts = [
    key.rpmLimit ? `${key.rpmLimit} rpm` : null,
    key.monthlyBudgetMicros ? `${formatUsd(key.monthlyBudgetMicros)}/month` : null,
    key.allowedModels.length ? `${key.allowedModels.length} model${key.allowedModels.length === 1 ? "" : "s"}` : null,
    key.expiresAt ? `expires ${dateFormat.format(key.expiresAt)}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : "No limits";
}

export function KeysTable({ keys, now, revokeAction }: { keys: ApiKeyRow[]; now: Date; revokeAction: RevokeAction }) {
  if (keys.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">No keys yet. Create one above.</p>;
  }
  return (
    <section aria-label="Your keys" className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {keys.map((key) => {
          const state = status(key, now);
          return (
            <li key={key.id} data-testid="key-row" className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0 space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{key.name}</span>
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${state.tone}`}>{state.label}</span>
                </div>
                <code className="block font-mono text-sm text-zinc-600 dark:text-zinc-400">{key.prefix}…{key.lastFour}</code>
                <p className="text-xs text-zinc-500">
                  Created {dateFormat.format(key.createdAt)} · {key.lastUsedAt ? `last used ${dateFormat.format(key.lastUsedAt)}` : "never used"} · {limits(key)}
                </p>
              </div>
              {!key.revokedAt && (
                <div className="shrink-0 sm:text-right">
                  <RevokeKeyButton keyId={key.id} keyName={key.name} action={revokeAction} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
