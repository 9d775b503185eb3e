// A model id's copy button, named in the visitor's language (the button itself: copy-id-control.tsx).
import { getTranslations } from "next-intl/server";
import { CopyIdControl } from "./copy-id-control";

export async function CopyIdButton({ text, className }: { text: string; className?: string }) {
  const t = await getTranslations("common.copy");
  return (
    <CopyIdControl
      text={text}
      className={className}
      labels={{ copy: t("copyLabel", { what: text }), copied: t("copied"), failed: t("failed") }}
    />
  );
}
