// The billing page's monthly spending limit: the limit, the alert thresholds and the low-balance alert, with this
// month's spend against the limit. A plain form (saveSpendingLimitAction): it works without JavaScript.
import { getLocale, getTranslations } from "next-intl/server";
import { fieldControl, secondaryButton } from "@/components/ui/styles";
import type { AccountSpendingState } from "@/lib/billing/spending-alerts";
import { formatUsdCents, microsToUsd } from "@/lib/money";

type Field = "limitUsd" | "thresholds" | "lowBalanceUsd";

export async function SpendingLimitForm({
  state,
  action,
  saved,
  error,
}: {
  state: AccountSpendingState;
  action: (formData: FormData) => Promise<void>;
  saved: boolean;
  error: { field: Field; value: string } | null;
}) {
  const [t, locale] = await Promise.all([getTranslations("billing.spendingLimit"), getLocale()]);
  const usd = (micros: bigint | null) => (micros === null ? "" : String(microsToUsd(micros)));
  const value = (field: Field, stored: string) => (error?.field === field ? error.value : stored);
  const fields: Array<{ name: Field; label: string; hint: string; stored: string; decimal: boolean }> = [
    { name: "limitUsd", label: t("limit"), hint: t("limitHint"), stored: usd(state.limitMicros), decimal: true },
    {
      name: "thresholds",
      label: t("thresholds"),
      hint: t("thresholdsHint"),
      stored: state.percents.join(", "),
      decimal: false,
    },
    {
      name: "lowBalanceUsd",
      label: t("lowBalance"),
      hint: t("lowBalanceHint"),
      stored: usd(state.lowBalanceMicros),
      decimal: true,
    },
  ];
  return (
    <section
      id="spending-limit"
      aria-labelledby="spending-limit-heading"
      className="rounded-lg border border-zinc-200 p-4 sm:p-6 dark:border-zinc-800"
    >
      <h2 id="spending-limit-heading" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="spending-this-month">
        {state.limitMicros === null
          ? t("noLimit", { spent: formatUsdCents(state.spentMicros, { locale }) })
          : t("spentOfLimit", {
              spent: formatUsdCents(state.spentMicros, { locale }),
              limit: formatUsdCents(state.limitMicros, { locale }),
            })}
      </p>
      {saved ? (
        <p role="status" className="mt-3 text-sm text-emerald-800 dark:text-emerald-300">
          {t("saved")}
        </p>
      ) : null}
      <form action={action} className="mt-4 grid gap-4 sm:grid-cols-3">
        {fields.map((field) => {
          const id = `spending-${field.name}`;
          const invalid = error?.field === field.name;
          return (
            <div key={field.name}>
              <label htmlFor={id} className="block text-sm font-medium">
                {field.label}
              </label>
              <input
                id={id}
                name={field.name}
                inputMode={field.decimal ? "decimal" : "text"}
                defaultValue={value(field.name, field.stored)}
                aria-invalid={invalid ? true : undefined}
                aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ""}`}
                className={`${fieldControl} mt-1 w-full px-3 py-2 dark:bg-zinc-900`}
              />
              <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                {field.hint}
              </p>
              {invalid ? (
                <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
                  {t(`errors.${field.name}`)}
                </p>
              ) : null}
            </div>
          );
        })}
        <div className="sm:col-span-3">
          <button type="submit" className={secondaryButton}>
            {t("save")}
          </button>
        </div>
      </form>
    </section>
  );
}
