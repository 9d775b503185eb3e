"use client";
// A configuration snippet with a copy button, following the model picked at the top of the docs like the samples do.
// Its words come from the server (config-code.tsx): no message formatter in the browser.
import { useEffect, useState } from "react";
import { fill } from "@/i18n/client-text";
import { currentPickedModel, PICKED_MODEL_CHANGED } from "./picked-model";

export interface ConfigCodeWords {
  copy: string;
  copied: string;
  failed: string;
  /** "Copy {what}". */
  copyLabel: string;
}

export function ConfigCodeClient({
  code,
  label,
  modelSlot,
  words,
}: {
  code: string;
  label: string;
  /** The model id in `code` that the picked model replaces. */
  modelSlot: string;
  words: ConfigCodeWords;
}) {
  const [model, setModel] = useState(modelSlot);
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  useEffect(() => {
    const follow = () => setModel(currentPickedModel() ?? modelSlot);
    follow();
    window.addEventListener(PICKED_MODEL_CHANGED, follow);
    return () => window.removeEventListener(PICKED_MODEL_CHANGED, follow);
  }, [modelSlot]);
  const shown = model === modelSlot ? code : code.replaceAll(modelSlot, model);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(shown);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied(null), 1500);
  };

  return (
    <figure className="overflow-hidden rounded-xl border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
      <figcaption className="flex items-center justify-between gap-2 border-b border-zinc-200 py-1.5 pr-2 pl-4 text-xs font-medium text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
        <span>{label}</span>
        <button
          type="button"
          onClick={copy}
          aria-label={fill(words.copyLabel, { what: label })}
          className="shrink-0 rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-50 focus-visible:-outline-offset-2 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
        >
          <span aria-live="polite">{copied ? words[copied] : words.copy}</span>
        </button>
      </figcaption>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: code wider than the screen must be reachable to scroll by keyboard. */}
      <pre tabIndex={0} className="overflow-x-auto p-4 text-[13px] leading-relaxed focus-visible:-outline-offset-2">
        <code>{shown}</code>
      </pre>
    </figure>
  );
}
