import type { ReactNode } from "react";
import { fill } from "@/i18n/client-text";
import type { ApiKeyRow } from "@/lib/db/queries/dashboard";
import type { KeyFormValues } from "@/lib/keys/key-form-state";
import { formatUsd, formatUsdCents } from "@/lib/money";
import { KeyRow, type KeyRowActions } from "./key-row";
import type { KeysText } from "./key-settings-fields";
import { periodEnd } from "@/lib/billing/budget-periods";

type ListText = KeysText["list"];

function status(key: ApiKeyRow, now: Date, text: ListText): { label: string; tone: string } {
  if (key.revokedAt)
    return { label: text.revoked, tone: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" };
  if (key.expiresAt && key.expiresAt <= now)
    return { label: text.expired, tone: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300" };
  return { label: text.active, tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" };
}

/** A short list in full, a longer one as a count (the chip's title lists every entry). */
function listed(items: string[], countTemplate: string, locale: string): string {
  return items.length <= 2
    ? items.join(", ")
    : fill(countTemplate, { count: new Intl.NumberFormat(locale).format(items.length) });
}

/** The limits other than the budget (shown with the spend), as short chips; none means the key can call anything. */
function limitChips(key: ApiKeyRow, text: ListText, locale: string): Array<{ label: string; title?: string }> {
  return [
    key.rpmLimit ? { label: fill(text.rpm, { count: new Intl.NumberFormat(locale).format(key.rpmLimit) }) } : null,
    key.rpdLimit ? { label: fill(text.rpd, { count: new Intl.NumberFormat(locale).format(key.rpdLimit) }) } : null,
    key.tpmLimit ? { label: fill(text.tpm, { count: new Intl.NumberFormat(locale).format(key.tpmLimit) }) } : null,
    key.concurrencyLimit
      ? { label: fill(text.concurrency, { count: new Intl.NumberFormat(locale).format(key.concurrencyLimit) }) }
      : null,
    // A budget over a day or a week (a month is what the spend beside it shows): its period and when it is whole again.
    key.monthlyBudgetMicros && key.budgetPeriod !== "month"
      ? {
          label: fill(text.budgetPeriod[key.budgetPeriod], {
            resets: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
              periodEnd(key.budgetPeriod),
            ),
          }),
        }
      : null,
    key.allowedModels.length
      ? {
          label: fill(text.models, { list: listed(key.allowedModels, text.modelCount, locale) }),
          title: key.allowedModels.join("\n"),
        }
      : null,
    key.allowedIps.length
      ? {
          label: fill(text.ips, { list: listed(key.allowedIps, text.ipCount, locale) }),
          title: key.allowedIps.join("\n"),
        }
      : null,
  ].filter((chip) => chip !== null);
}

/** The edit form's starting values: the key's current settings as the fields take them (a plain decimal budget). */
function formValues(key: ApiKeyRow): KeyFormValues {
  return {
    name: key.name,
    rpmLimit: key.rpmLimit?.toString() ?? "",
    rpdLimit: key.rpdLimit?.toString() ?? "",
    tpmLimit: key.tpmLimit?.toString() ?? "",
    concurrencyLimit: key.concurrencyLimit?.toString() ?? "",
    monthlyBudgetUsd: key.monthlyBudgetMicros ? formatUsd(key.monthlyBudgetMicros).replace(/[$,]/g, "") : "",
    budgetPeriod: key.budgetPeriod,
    expiresOn: key.expiresAt?.toISOString().slice(0, 10) ?? "",
    allowedModels: key.allowedModels.join(", "),
    allowedIps: key.allowedIps.join(", "),
  };
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{term}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

function Spend({
  spent,
  budget,
  text,
  locale,
}: {
  spent: bigint;
  budget: bigint | null;
  text: ListText;
  locale: string;
}) {
  const money = (micros: bigint) => formatUsdCents(micros, { locale });
  if (!budget) return <span data-testid="key-spend">{money(spent)}</span>;
  const percent = Number((spent * 100n) / budget);
  return (
    <>
      <span data-testid="key-spend">{fill(text.spendOfBudget, { spent: money(spent), budget: money(budget) })}</span>
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
  text,
  locale,
}: {
  keys: ApiKeyRow[];
  spend: Map<string, bigint>;
  now: Date;
  actions: KeyRowActions;
  text: KeysText;
  locale: string;
}) {
  const list = text.list;
  const dateFormat = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  return (
    <section aria-labelledby="your-keys" className="space-y-3">
      <h2 id="your-keys" className="text-base font-semibold">
        {list.heading}
      </h2>
      {keys.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          {list.empty}
        </p>
      ) : (
        <ul className="divide-y divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {keys.map((key) => {
            const state = status(key, now, list);
            const chips = limitChips(key, list, locale);
            return (
              <KeyRow
                key={key.id}
                keyId={key.id}
                keyName={key.name}
                values={key.revokedAt ? null : formValues(key)}
                actions={actions}
                text={text}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <span className="break-all font-medium">{key.name}</span>
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${state.tone}`}>{state.label}</span>
                </div>
                <code className="mt-1 block font-mono text-sm text-zinc-600 dark:text-zinc-400">
                  {key.prefix}…{key.lastFour}
                </code>
                <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-3 lg:grid-cols-4">
                  <Detail term={list.created}>{dateFormat.format(key.createdAt)}</Detail>
                  <Detail term={list.lastUsed}>
                    {key.lastUsedAt ? dateFormat.format(key.lastUsedAt) : list.neverUsed}
                  </Detail>
                  <Detail term={list.spendThisMonth}>
                    <Spend
                      spent={spend.get(key.id) ?? 0n}
                      budget={key.monthlyBudgetMicros}
                      text={list}
                      locale={locale}
                    />
                  </Detail>
                  <Detail term={key.revokedAt ? list.revokedOn : list.expires}>
                    {key.revokedAt
                      ? dateFormat.format(key.revokedAt)
                      : key.expiresAt
                        ? dateFormat.format(key.expiresAt)
                        : list.noExpiry}
                  </Detail>
                </dl>
                <ul aria-label={list.limits} className="mt-3 flex flex-wrap gap-1.5">
                  {chips.length === 0 ? (
                    <li className="text-xs text-zinc-600 dark:text-zinc-400">{list.noLimits}</li>
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
      )}
    </section>
  );
}
