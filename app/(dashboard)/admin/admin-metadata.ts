// The title of a console page, for its generateMetadata export.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireAdmin } from "@/lib/admin/guard";

/** `export const generateMetadata = adminMetadata("admin-users")`: the page's title from `<namespace>.<key>`. */
export function adminMetadata(namespace: string, key = "metaTitle"): () => Promise<Metadata> {
  return async () => {
    // Only an admin learns what the page is: anyone else gets the 404 without a title that gives the console away.
    await requireAdmin();
    const t = await getTranslations(namespace);
    return { title: t(key) };
  };
}
