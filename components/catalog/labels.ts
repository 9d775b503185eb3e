// The catalog's words in the visitor's language, read once per page and handed to the components that show them.
import { getFormatter, getTranslations } from "next-intl/server";
import {
  PUBLIC_CAPABILITIES,
  PUBLIC_STATUSES,
  type PublicCapability,
  type PublicStatus,
} from "@/lib/catalog/public-models";

export async function catalogLabels() {
  const t = await getTranslations("models");
  const format = await getFormatter();
  const statuses = Object.fromEntries(PUBLIC_STATUSES.map((status) => [status, t(`status.${status}`)])) as Record<
    PublicStatus,
    string
  >;
  const statusHints = Object.fromEntries(
    PUBLIC_STATUSES.map((status) => [status, t(`statusHint.${status}`)]),
  ) as Record<PublicStatus, string>;
  const capabilities = Object.fromEntries(
    PUBLIC_CAPABILITIES.map((capability) => [capability, t(`capability.${capability}`)]),
  ) as Record<PublicCapability, string>;
  return {
    t,
    statuses,
    statusHints,
    capabilities,
    /** "128K", "1M" (in Vietnamese "128 N", "1 Tr"): the table's short form. */
    compactTokens: (tokens: number | null) => (tokens === null ? null : format.number(tokens, { notation: "compact" })),
    /** "128,000" ("128.000"): the model page's exact form. */
    tokens: (tokens: number | null) => (tokens === null ? null : format.number(tokens)),
    number: (value: number) => format.number(value),
    /** 0.05 → "5%"; up to two decimals (a markup of 2.5%). */
    percent: (fraction: number) => format.number(fraction, { style: "percent", maximumFractionDigits: 2 }),
  };
}

export type CatalogLabels = Awaited<ReturnType<typeof catalogLabels>>;
