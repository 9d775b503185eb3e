// The operator console's frame: its own tabs under the dashboard's sidebar. Admins only: anyone else gets a 404 here,
// and every admin page and action checks again on its own (a layout does not guard what renders without it).
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { NavLinks } from "@/components/dashboard/nav-links";
import { requireAdmin } from "@/lib/admin/guard";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  const t = await getTranslations("admin.nav");
  const sections = ["providers", "models", "routes", "users", "plans", "settings", "audit", "tokens"] as const;
  return (
    <div>
      <p className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{t("console")}</p>
      <div className="mt-2 border-b border-zinc-200 pb-2 dark:border-zinc-800">
        <NavLinks
          layout="row"
          label={t("label")}
          links={sections.map((section) => ({ href: `/admin/${section}`, label: t(section) }))}
        />
      </div>
      <div className="mt-6">{children}</div>
    </div>
  );
}
