// /admin/plans: the plans and their limits (requests per minute and per day, tokens per minute, concurrent requests),
// each editable; a blank limit is none of the plan's own. Saved through lib/plans/plans.ts (validated, audited,
// announced: every instance applies it within a second).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FormNotice } from "@/components/admin/notice";
import { fieldControl, primaryButton } from "@/components/ui/styles";
import { requireAdmin } from "@/lib/admin/guard";
import { listPlans } from "@/lib/plans/plans";
import { PLAN_LIMIT_FIELDS } from "./fields";
import { updatePlanAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  // Only an admin learns what the page is: anyone else gets the 404 without a title that gives the console away.
  await requireAdmin();
  const t = await getTranslations("admin-plans");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

export default async function PlansPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const [params, t, plans] = await Promise.all([searchParams, getTranslations("admin-plans"), listPlans()]);
  const focus = one(params.plan);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("description")}</p>
      </header>
      <ul className="space-y-4">
        {plans.map((plan) => {
          const error = focus === plan.id ? one(params.error) : "";
          return (
            <li
              key={plan.id}
              id={`plan-${plan.id}`}
              data-testid={`plan-${plan.id}`}
              className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
            >
              <form action={updatePlanAction} className="space-y-3">
                <input type="hidden" name="planId" value={plan.id} />
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 className="text-base font-semibold">{plan.name}</h2>
                  <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("accounts", { count: plan.accounts })}</p>
                </div>
                {focus === plan.id && one(params.done) === "saved" ? (
                  <FormNotice kind="done">{t("saved")}</FormNotice>
                ) : null}
                <div className="flex flex-wrap items-end gap-3">
                  {PLAN_LIMIT_FIELDS.map((field) => {
                    const inputId = `plan-${plan.id}-${field}`;
                    const value = plan[field];
                    return (
                      <label key={field} htmlFor={inputId} className="flex flex-col gap-1 text-sm">
                        <span>{t(`fields.${field}`)}</span>
                        <input
                          id={inputId}
                          name={field}
                          inputMode="numeric"
                          placeholder={t("none")}
                          defaultValue={error ? one(params[field]) : value === null ? "" : String(value)}
                          className={`${fieldControl} w-36 px-3 py-2 tabular-nums dark:bg-zinc-900`}
                        />
                      </label>
                    );
                  })}
                  <button type="submit" className={primaryButton}>
                    {t("save")}
                  </button>
                </div>
                {error ? (
                  <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                    {error}
                  </p>
                ) : null}
              </form>
            </li>
          );
        })}
      </ul>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("footnote")}</p>
    </div>
  );
}
