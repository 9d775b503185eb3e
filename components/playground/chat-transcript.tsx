"use client";
// The conversation: questions and answers in order, the answer being written growing in place. A log for assistive
// technology, busy while an answer streams, so that it is read once it is complete rather than word by word.
import { useEffect, useRef, type ReactNode } from "react";
import { MessageText } from "./message-text";
import type { ChatMessage, ChatStatus } from "./use-chat";

export interface TranscriptLabels {
  transcript: string;
  you: string;
  assistant: string;
  thinking: string;
  stopped: string;
  /** The answer reached its length limit (max_tokens). */
  cutShort: string;
}

export function ChatTranscript({
  messages,
  status,
  labels,
  empty,
  footer,
  error,
  className = "",
}: {
  messages: ChatMessage[];
  status: ChatStatus;
  labels: TranscriptLabels;
  /** Shown before the first question. */
  empty: ReactNode;
  /** Under each finished answer: the model, tokens, cost. */
  footer?: (message: ChatMessage) => ReactNode;
  error: (message: ChatMessage) => ReactNode;
  className?: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const last = messages.at(-1);

  // Follows the answer as it grows, unless the reader scrolled up to read something earlier.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs whenever the last message grows.
  useEffect(() => {
    const element = scroller.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [messages.length, last?.content, last?.error, last?.usage]);

  return (
    <div
      ref={scroller}
      onScroll={(event) => {
        const element = event.currentTarget;
        pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
      }}
      className={`overflow-y-auto overscroll-contain ${className}`}
    >
      {messages.length === 0 ? (
        empty
      ) : (
        <div
          role="log"
          aria-label={labels.transcript}
          aria-busy={status !== "idle"}
          className="flex flex-col gap-5 p-4"
        >
          {messages.map((message) => {
            const writing = message === last && status !== "idle";
            if (message.role === "user") {
              return (
                <div key={message.id} className="flex justify-end">
                  <div className="max-w-[85%] rounded-2xl rounded-br-md bg-zinc-900 px-4 py-2.5 text-sm leading-relaxed text-white dark:bg-zinc-100 dark:text-zinc-900">
                    <span className="sr-only">{labels.you}: </span>
                    <span className="whitespace-pre-wrap break-words">{message.content}</span>
                  </div>
                </div>
              );
            }
            return (
              <div key={message.id} className="flex gap-3">
                <span
                  aria-hidden="true"
                  className="mt-0.5 grid size-7 shrink-0 place-items-center rounded-full bg-gradient-to-br from-emerald-400 to-sky-500 text-[11px] font-semibold text-white"
                >
                  AI
                </span>
                <div className="min-w-0 flex-1 text-sm leading-relaxed">
                  <span className="sr-only">{labels.assistant}: </span>
                  {message.content === "" && writing && !message.error ? (
                    <span className="inline-flex items-center gap-1.5 text-zinc-500 dark:text-zinc-400">
                      <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden="true" />
                      {labels.thinking}
                    </span>
                  ) : (
                    <MessageText text={message.content} />
                  )}
                  {writing && message.content !== "" && (
                    <span
                      aria-hidden="true"
                      className="ml-0.5 inline-block h-4 w-1.5 translate-y-0.5 animate-pulse rounded-sm bg-zinc-400"
                    />
                  )}
                  {message.error && <div className="mt-2">{error(message)}</div>}
                  {!writing && !message.error && (
                    <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
                      {message.finish === "stopped" && <span>{labels.stopped}</span>}
                      {message.finish === "length" && <span>{labels.cutShort}</span>}
                      {footer?.(message)}
                    </div>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
