"use client";
// Code in several languages (curl / Python / Node), as real tabs: a tablist with arrow-key, Home and End movement, one
// tab stop, and a panel per language with a copy button. The language chosen is remembered and followed by every
// CodeTabs on the page, so a Python reader sees Python everywhere. In the docs, the model the reader picked replaces
// the sample's model (`modelSlot`) in every language.
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { currentPickedModel, PICKED_MODEL_CHANGED } from "@/components/docs/picked-model";
import { fill } from "@/i18n/client-text";
import type { CodeSample } from "@/lib/docs/code-sample";
import { tabMove } from "@/components/ui/tab-keys";

const STORAGE_KEY = "switchyard.code-language";
const CHANGED = "switchyard:code-language";

export interface CodeTabsWords {
  copy: string;
  copied: string;
  failed: string;
  /** "Copy {what}". */
  copyLabel: string;
}

function rememberedLanguage(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The model the reader picked, followed from the page's picker; `slot` itself until one is picked. */
function usePickedModel(slot: string | undefined): string | undefined {
  const [model, setModel] = useState(slot);
  useEffect(() => {
    if (slot === undefined) return;
    const follow = () => setModel(currentPickedModel() ?? slot);
    follow();
    window.addEventListener(PICKED_MODEL_CHANGED, follow);
    return () => window.removeEventListener(PICKED_MODEL_CHANGED, follow);
  }, [slot]);
  return model;
}

export function CodeTabsClient({
  samples,
  label,
  className,
  modelSlot,
  words,
}: {
  samples: CodeSample[];
  label: string;
  className: string;
  modelSlot: string | undefined;
  words: CodeTabsWords;
}) {
  const id = useId();
  const [selected, setSelected] = useState(0);
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const model = usePickedModel(modelSlot);
  const codeOf = (sample: CodeSample) =>
    modelSlot && model && model !== modelSlot ? sample.code.replaceAll(modelSlot, model) : sample.code;

  useEffect(() => {
    const follow = () => {
      const index = samples.findIndex((sample) => sample.language === rememberedLanguage());
      if (index >= 0) setSelected(index);
    };
    follow();
    window.addEventListener(CHANGED, follow);
    return () => window.removeEventListener(CHANGED, follow);
  }, [samples]);

  const choose = (index: number, focus: boolean) => {
    setSelected(index);
    setCopied(null);
    if (focus) tabs.current[index]?.focus();
    try {
      window.localStorage.setItem(STORAGE_KEY, samples[index].language);
    } catch {
      // Private windows may refuse storage: the choice then holds for this block only.
    }
    window.dispatchEvent(new Event(CHANGED));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const next = tabMove(event.key, selected, samples.length);
    if (next === undefined) return;
    event.preventDefault();
    choose(next, true);
  };

  const sample = samples[selected] ?? samples[0];
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codeOf(sample));
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied(null), 1500);
  };

  return (
    <div
      className={`overflow-hidden rounded-xl border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900 ${className}`}
    >
      <div className="flex items-center justify-between gap-2 border-b border-zinc-200 px-2 dark:border-zinc-800">
        <div role="tablist" aria-label={label} className="flex gap-1 overflow-x-auto">
          {samples.map((item, index) => (
            <button
              key={item.language}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${index}`}
              aria-selected={index === selected}
              aria-controls={`${id}-panel-${index}`}
              tabIndex={index === selected ? 0 : -1}
              onClick={() => choose(index, false)}
              onKeyDown={onKeyDown}
              className={`-mb-px border-b-2 px-3 py-2 text-xs font-medium focus-visible:-outline-offset-2 ${index === selected ? "border-zinc-900 text-zinc-900 dark:border-zinc-100 dark:text-zinc-100" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"}`}
            >
              {item.label}
            </button>
          ))}
        </div>
        <button
          type="button"
          onClick={copy}
          aria-label={fill(words.copyLabel, { what: sample.label })}
          className="shrink-0 rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-50 focus-visible:-outline-offset-2 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
        >
          <span aria-live="polite">{copied ? words[copied] : words.copy}</span>
        </button>
      </div>
      {samples.map((item, index) => (
        <div
          key={item.language}
          role="tabpanel"
          id={`${id}-panel-${index}`}
          aria-labelledby={`${id}-tab-${index}`}
          hidden={index !== selected}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the WAI-ARIA tabs pattern: a panel with nothing focusable in it is a tab stop, so that its code can be reached and scrolled by keyboard.
          tabIndex={0}
          className="overflow-x-auto p-4 focus-visible:-outline-offset-2"
        >
          <pre className="text-[13px] leading-relaxed">
            <code>{codeOf(item)}</code>
          </pre>
        </div>
      ))}
    </div>
  );
}
