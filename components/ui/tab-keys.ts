// The WAI-ARIA tabs pattern's keys: Left and Right move to the previous and next tab (wrapping), Home and End to the
// first and last. Shared by every tab list of the site (code samples, a new key's snippets).

/** The tab a key moves to from `selected` among `count` tabs, or undefined when the key is not a tab move. */
export function tabMove(key: string, selected: number, count: number): number | undefined {
  const last = count - 1;
  switch (key) {
    case "ArrowRight":
      return selected === last ? 0 : selected + 1;
    case "ArrowLeft":
      return selected === 0 ? last : selected - 1;
    case "Home":
      return 0;
    case "End":
      return last;
    default:
      return undefined;
  }
}
