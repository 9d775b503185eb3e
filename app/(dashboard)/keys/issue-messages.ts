// The words for a key form's problems (lib/keys/key-settings-issues.ts gives codes), in the request's language.
import "@/lib/server-only";
import { getLocale, getTranslations } from "next-intl/server";
import type { KeyFormIssue } from "@/lib/keys/key-form-state";
import type { KeySettingsIssue } from "@/lib/keys/key-settings-issues";
import { formatUsdCents } from "@/lib/money";

type Values = Record<string, string>;

function issueValues(issue: KeySettingsIssue, locale: string): Values {
  const number = (value: number) => new Intl.NumberFormat(locale).format(value);
  switch (issue.field) {
    case "name":
      return issue.code === "duplicate" ? { name: issue.name } : { max: number(issue.max ?? 0) };
    case "rpmLimit":
    case "rpdLimit":
    case "tpmLimit":
    case "concurrencyLimit":
      // An example ("such as 60") is a plain number; bounds are written as the language groups digits.
      if (issue.code === "abovePlan") return { limit: number(issue.limit), plan: issue.plan };
      return { limit: issue.code === "notWholeNumber" ? String(issue.limit) : number(issue.limit) };
    case "budgetPeriod":
      return {};
    case "monthlyBudgetUsd":
      return { amount: formatUsdCents(issue.limitMicros, { locale }) };
    case "expiresOn":
      return {};
    case "allowedModels":
      return issue.code === "unknown" ? { models: issue.models.join(", ") } : { max: number(issue.max) };
    case "allowedIps":
      return issue.code === "notAddress" ? { entry: issue.entry } : { max: number(issue.max) };
  }
}

export async function issueMessages(issues: readonly KeySettingsIssue[]): Promise<KeyFormIssue[]> {
  const [t, locale] = await Promise.all([getTranslations("keys.issues"), getLocale()]);
  return issues.map((issue) => ({
    field: issue.field,
    message: t(`${issue.field}.${issue.code}` as "name.required", issueValues(issue, locale)),
  }));
}
