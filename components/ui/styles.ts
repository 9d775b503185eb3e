// Class lists that several forms and pages share, so that a control looks and focuses the same everywhere.

/**
 * A text input, select or textarea: its border, and a focus ring that is dark on light pages and light on dark ones
 * (a zinc-900 ring on a zinc-900 field cannot be seen). Layout, padding and the dark background are the caller's.
 */
export const fieldControl =
  "rounded-md border border-zinc-300 bg-white text-sm shadow-sm focus:border-zinc-900 focus:outline-none focus:ring-1 focus:ring-zinc-900 dark:border-zinc-700 dark:focus:border-zinc-300 dark:focus:ring-zinc-300";

/** The one main action of a form or page. */
export const primaryButton =
  "inline-flex items-center justify-center rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700 disabled:opacity-60 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200";

/** An action beside the main one. */
export const secondaryButton =
  "inline-flex items-center justify-center rounded-md border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";
