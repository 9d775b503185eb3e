"use client";
// Copies a model id. An icon button on its own line of the table, named for what it copies; the result is announced.
// Its words come from the server (copy-id-button.tsx): no message formatter in the browser.
import { useState } from "react";

export interface CopyIdLabels {
  /** "Copy openai/gpt-4o-mini": the button's name. */
  copy: string;
  copied: string;
  failed: string;
}

export function CopyIdControl({
  text,
  labels,
  className = "",
}: {
  text: string;
  labels: CopyIdLabels;
  className?: string;
}) {
  const [state, setState] = useState<"copied" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState(null), 1500);
  };
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={labels.copy}
      title={labels.copy}
      className={`inline-flex shrink-0 items-center gap-1 rounded px-1 py-0.5 text-xs text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 ${className}`}
    >
      {state === "copied" ? (
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-none stroke-current stroke-2">
          <path d="M3 8.5 6.5 12 13 4.5" />
        </svg>
      ) : (
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-none stroke-current stroke-[1.5]">
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M10.5 3.5v-.5A1.5 1.5 0 0 0 9 1.5H3A1.5 1.5 0 0 0 1.5 3v6A1.5 1.5 0 0 0 3 10.5h.5" />
        </svg>
      )}
      <span aria-live="polite" className={state ? "" : "sr-only"}>
        {state ? labels[state] : ""}
      </span>
    </button>
  );
}
