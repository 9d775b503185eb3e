// An unknown (or disabled) model id: a 404 that says so and leads back to the catalog, inside the site's frame.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { primaryButton, secondaryButton } from "@/components/ui/styles";

export default async function ModelNotFound() {
  const t = await getTranslations("models.notFound");
  return (
    <div className="mx-auto flex min-h-[50vh] max-w-md flex-col items-center justify-center px-4 py-16 text-center">
      <p className="font-mono text-sm text-zinc-600 dark:text-zinc-400">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">{t("heading")}</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t("text")}</p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <Link href="/models" className={primaryButton}>
          {t("browse")}
        </Link>
        <Link href="/status" className={secondaryButton}>
          {t("status")}
        </Link>
      </div>
    </div>
  );
}
