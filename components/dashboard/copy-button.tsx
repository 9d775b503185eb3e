"use client";
import { useState } from "react";

export interface CopyText {
  copy: string;
  copied: string;
  failed: string;
}

/** Its focus outline is drawn inside it, so that it shows on the white panel and on the dark code block alike. */
export function CopyButton({ text, words, label }: { text: string; words: CopyText; label?: string }) {
  const [shown, setShown] = useState<"copied" | "failed" | null>(null);
  return (
    <button
      type="button"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setShown("copied");
        } catch {
          setShown("failed");
        }
        setTimeout(() => setShown(null), 1500);
      }}
      className="shrink-0 rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-50 focus-visible:-outline-offset-2 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
    >
      <span aria-live="polite">{shown ? words[shown] : words.copy}</span>
    </button>
  );
}
