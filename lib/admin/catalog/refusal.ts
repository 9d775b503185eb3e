// The catalog's refusals in words, for callers with no form to mark a field on (MCP tools, the CLI): the console's own
// English messages, each after the name of the input it is about, as that caller names its inputs.
import "../../server-only";
import { messagesFor } from "../../../i18n/messages";
import { AdminError } from "../admin-error";
import type { CatalogInputError } from "./catalog-input";

export function catalogRefusal(error: CatalogInputError, inputNames: Record<string, string> = {}): AdminError {
  const words = messagesFor("en")["admin-catalog"].issues;
  const named = (field: string) => inputNames[field] ?? field;
  const message = error.issues
    .map((issue) => (issue.field ? `${named(issue.field)}: ${words[issue.code]}` : words[issue.code]))
    .join(" ");
  const field = error.issues.find((issue) => issue.field)?.field;
  return new AdminError(message, field ? named(field) : null);
}
