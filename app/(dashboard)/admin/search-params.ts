// A console page's query string, as Next hands it to the page.
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One query parameter as text: the first if it is repeated, trimmed, "" when absent. */
export function searchParam(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}
