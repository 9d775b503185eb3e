"use client";
// Where a question is written: Enter sends, Shift+Enter starts a new line, Escape stops the answer being written.
// The Stop button replaces Send while an answer comes; focus stays in the text box, so that typing can go on.
import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { fieldControl, primaryButton, secondaryButton } from "@/components/ui/styles";
import type { ChatStatus } from "./use-chat";

export interface ComposerLabels {
  field: string;
  placeholder: string;
  send: string;
  stop: string;
  /** The keys, "Enter to send, Shift+Enter for a new line": under the box on wider screens, or read out only. */
  hint: string;
}

export function ChatComposer({
  status,
  onSend,
  onStop,
  labels,
  maxLength,
  disabled = false,
  value: controlledValue,
  onValueChange,
  note,
}: {
  status: ChatStatus;
  onSend: (text: string) => void;
  onStop: () => void;
  labels: ComposerLabels;
  maxLength?: number;
  /** No sending now (a limit reached, nothing to call); what is typed is kept. */
  disabled?: boolean;
  value?: string;
  onValueChange?: (value: string) => void;
  /** Shown under the box in place of the keys (which are then only read out), e.g. the demo's limits. */
  note?: ReactNode;
}) {
  const [ownValue, setOwnValue] = useState("");
  const value = controlledValue ?? ownValue;
  const setValue = onValueChange ?? setOwnValue;
  const field = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const busy = status !== "idle";
  const canSend = !busy && !disabled && value.trim() !== "";

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    onSend(value.trim());
    setValue("");
    field.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape" && busy) {
      event.preventDefault();
      onStop();
    }
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-1.5">
      <div className="flex items-end gap-2">
        <label className="min-w-0 flex-1">
          <span className="sr-only">{labels.field}</span>
          <textarea
            ref={field}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            onKeyDown={onKeyDown}
            rows={2}
            maxLength={maxLength}
            aria-describedby={hintId}
            placeholder={labels.placeholder}
            className={`${fieldControl} block max-h-40 min-h-[2.75rem] w-full resize-none px-3 py-2.5 leading-snug dark:bg-zinc-900`}
          />
        </label>
        {busy ? (
          <button type="button" onClick={onStop} className={`${secondaryButton} h-11 shrink-0 gap-2`}>
            <span aria-hidden="true" className="size-2.5 rounded-[2px] bg-current" />
            {labels.stop}
          </button>
        ) : (
          <button type="submit" disabled={!canSend} className={`${primaryButton} h-11 shrink-0`}>
            {labels.send}
          </button>
        )}
      </div>
      <div className="flex justify-between gap-3 text-xs text-zinc-600 dark:text-zinc-400">
        <span id={hintId} className={note ? "sr-only" : "hidden sm:block"}>
          {labels.hint}
        </span>
        {note && <span>{note}</span>}
        {maxLength !== undefined && (
          <span className="ml-auto tabular-nums" aria-hidden="true">
            {value.length}/{maxLength}
          </span>
        )}
      </div>
    </form>
  );
}
