// /admin/settings: the operator settings, each with the value in effect and where it comes from (set in the database
// here, the environment variable, or the built-in default), to change or reset to the default.
import { getTranslations } from "next-intl/server";
import { Badge, FormNotice } from "@/components/admin/notice";
import { AdminPageHeader } from "@/components/admin/page-header";
import { fieldControl, primaryButton, secondaryButton } from "@/components/ui/styles";
import { requireAdmin } from "@/lib/admin/guard";
import { describeSettings } from "@/lib/admin/settings";
import { adminMetadata } from "../admin-metadata";
import { type SearchParams, searchParam } from "../search-params";
import { updateSettingAction } from "./actions";

export const generateMetadata = adminMetadata("admin-settings");

export default async function SettingsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const [params, t, views] = await Promise.all([searchParams, getTranslations("admin-settings"), describeSettings()]);
  const focus = searchParam(params.setting);
  return (
    <div className="space-y-6">
      <AdminPageHeader title={t("title")} description={t("description")} />
      <ul className="space-y-4">
        {views.map((view) => {
          const inputId = `setting-${view.name}-value`;
          const error = focus === view.name ? searchParam(params.error) : "";
          const done = focus === view.name ? searchParam(params.done) : "";
          const source =
            view.source === "database"
              ? t("source.database", {
                  by: view.updatedBy ?? "?",
                  at: view.updatedAt?.toISOString().slice(0, 16).replace("T", " ") ?? "",
                })
              : view.source === "environment"
                ? t("source.environment", { name: view.env ?? "" })
                : t("source.default");
          return (
            <li
              key={view.name}
              id={`setting-${view.name}`}
              data-testid={`setting-${view.name}`}
              className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
            >
              <form action={updateSettingAction} className="space-y-3">
                <input type="hidden" name="name" value={view.name} />
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <label htmlFor={inputId} className="text-base font-semibold">
                    {t.has(`names.${view.name}.label`) ? t(`names.${view.name}.label`) : view.name}
                  </label>
                  <Badge tone={view.source === "database" ? "warning" : "neutral"}>{source}</Badge>
                </div>
                <p id={`${inputId}-hint`} className="text-sm text-zinc-600 dark:text-zinc-400">
                  {t.has(`names.${view.name}.help`) ? t(`names.${view.name}.help`) : ""}
                </p>
                {done === "saved" || done === "reset" ? <FormNotice kind="done">{t(`done.${done}`)}</FormNotice> : null}
                <div className="flex flex-wrap items-end gap-2">
                  <input
                    id={inputId}
                    name="value"
                    inputMode="decimal"
                    defaultValue={error ? searchParam(params.value) : String(view.value)}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ""}`}
                    className={`${fieldControl} w-40 px-3 py-2 tabular-nums dark:bg-zinc-900`}
                  />
                  <button type="submit" name="intent" value="save" className={primaryButton}>
                    {t("save")}
                  </button>
                  {view.source === "database" ? (
                    <button type="submit" name="intent" value="reset" className={secondaryButton} formNoValidate>
                      {t("reset")}
                    </button>
                  ) : null}
                </div>
                {error ? (
                  <p id={`${inputId}-error`} className="text-sm text-red-700 dark:text-red-400">
                    {error === "notNumber"
                      ? t("errors.notNumber")
                      : t("errors.outOfBounds", { detail: searchParam(params.detail) })}
                  </p>
                ) : null}
              </form>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
