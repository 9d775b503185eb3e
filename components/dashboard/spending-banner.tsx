// The dashboard's warning when the account is past one of its alert thresholds this month (or its limit), or its
// balance is below its low-balance alert: the same thresholds that send the emails (lib/billing/spending-alerts.ts).
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { accountSpendingState, crossedAlerts } from "@/lib/billing/spending-alerts";
import { formatUsdCents, formatUsdCost } from "@/lib/money";

export async function SpendingBanner({ userId }: { userId: string }) {
  const account = await accountSpendingState(userId);
  if (!account) return null;
  const { state } = account;
  const crossed = crossedAlerts(state);
  const reached = state.limitMicros !== null && state.spentMicros >= state.limitMicros;
  if (crossed.length === 0 && !reached) return null;
  const [t, locale] = await Promise.all([getTranslations("dashboard.spending"), getLocale()]);
  const messages: Array<{ tone: "warning" | "danger"; text: string }> = [];
  if (state.limitMicros !== null && (reached || crossed.some((kind) => kind !== "low_balance"))) {
    const values = {
      spent: formatUsdCost(state.spentMicros, { locale }),
      limit: formatUsdCents(state.limitMicros, { locale }),
      percent: Number((state.spentMicros * 100n) / state.limitMicros),
    };
    messages.push(
      reached ? { tone: "danger", text: t("reached", values) } : { tone: "warning", text: t("near", values) },
    );
  }
  if (crossed.includes("low_balance") && state.lowBalanceMicros !== null) {
    messages.push({
      tone: "warning",
      text: t("lowBalance", {
        balance: formatUsdCents(state.balanceMicros, { locale }),
        threshold: formatUsdCents(state.lowBalanceMicros, { locale }),
      }),
    });
  }
  const tones = {
    warning:
      "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200",
    danger: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200",
  };
  return (
    <div className="mb-6 space-y-2" data-testid="spending-banner">
      {messages.map((message) => (
        <p key={message.text} role="status" className={`rounded-lg border px-4 py-3 text-sm ${tones[message.tone]}`}>
          {message.text}{" "}
          <Link href="/billing#spending-limit" className="font-medium underline underline-offset-2">
            {t("manage")}
          </Link>
        </p>
      ))}
    </div>
  );
}
