"use client";
// Code samples for a new key as real tabs (the WAI-ARIA pattern of components/site/code-tabs.tsx): one tab stop,
// arrow keys, Home and End move between tabs, and each tab controls its own panel. Kept apart from CodeTabs, which
// remembers the reader's language across the public site; this one holds a secret and remembers nothing.
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { fill } from "@/i18n/client-text";
import { tabMove } from "@/components/ui/tab-keys";
import { CopyButton, type CopyText } from "./copy-button";

export interface Snippet {
  label: string;
  code: string;
}

export function SnippetTabs({
  snippets,
  label,
  words,
}: {
  snippets: Snippet[];
  label: string;
  words: CopyText & { copyLabel: string };
}) {
  const id = useId();
  const [selected, setSelected] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const next = tabMove(event.key, selected, snippets.length);
    if (next === undefined) return;
    event.preventDefault();
    setSelected(next);
    tabs.current[next]?.focus();
  };

  const current = snippets[selected];
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-800 bg-zinc-900">
      <div className="flex items-center justify-between gap-2 border-b border-zinc-800 px-2">
        <div role="tablist" aria-label={label} className="flex gap-1 overflow-x-auto">
          {snippets.map((snippet, index) => (
            <button
              key={snippet.label}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${index}`}
              aria-selected={index === selected}
              aria-controls={`${id}-panel-${index}`}
              tabIndex={index === selected ? 0 : -1}
              onClick={() => setSelected(index)}
              onKeyDown={onKeyDown}
              className={`-mb-px border-b-2 px-3 py-2 text-xs font-medium focus-visible:-outline-offset-2 focus-visible:outline-zinc-100 ${index === selected ? "border-zinc-100 text-zinc-100" : "border-transparent text-zinc-400 hover:text-zinc-100"}`}
            >
              {snippet.label}
            </button>
          ))}
        </div>
        <CopyButton text={current.code} words={words} label={fill(words.copyLabel, { what: current.label })} />
      </div>
      {snippets.map((snippet, index) => (
        <div
          key={snippet.label}
          role="tabpanel"
          id={`${id}-panel-${index}`}
          aria-labelledby={`${id}-tab-${index}`}
          hidden={index !== selected}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the WAI-ARIA tabs pattern: a panel with nothing focusable in it is a tab stop, so that its code can be reached and scrolled by keyboard.
          tabIndex={0}
          className="overflow-x-auto p-3 focus-visible:-outline-offset-2 focus-visible:outline-zinc-100"
        >
          <pre className="text-xs leading-relaxed text-zinc-100">
            <code>{snippet.code}</code>
          </pre>
        </div>
      ))}
    </div>
  );
}
