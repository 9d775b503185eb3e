// /signin/suspended: where a suspended account lands after signing in (every dashboard page sends it here), with the
// operator's reason, instead of a dashboard whose keys would all be refused.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/(dashboard)/sign-out-action";
import { secondaryButton } from "@/components/ui/styles";
import { accountSuspension, currentUserId } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.suspended");
  return { title: t("metaTitle") };
}

export default async function SuspendedPage() {
  const userId = await currentUserId();
  if (!userId) redirect("/signin");
  const suspension = await accountSuspension(userId);
  if (!suspension) redirect("/keys");
  const t = await getTranslations("auth.suspended");
  return (
    <>
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        {t("text", { date: suspension.since.toISOString().slice(0, 10) })}
      </p>
      <p
        data-testid="suspension-reason"
        className="mt-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200"
      >
        {t("reason", { reason: suspension.reason || t("noReason") })}
      </p>
      <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">{t("contact")}</p>
      <form action={signOutAction} className="mt-6">
        <button type="submit" className={secondaryButton}>
          {t("signOut")}
        </button>
      </form>
    </>
  );
}
