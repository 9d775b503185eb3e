"use client";
// The landing page's free demo: a chat with a free model through POST /api/demo/chat, no key and no sign-in. The
// answer streams in as it is written; Stop (or Escape) cancels it. Over a limit, the composer waits out the retry
// time the API gave, and says how long that is.
import Link from "next/link";
import { useCallback, useId, useState } from "react";
import { ApiErrorNotice } from "@/components/playground/api-error-notice";
import { ChatComposer } from "@/components/playground/chat-composer";
import { ChatTranscript } from "@/components/playground/chat-transcript";
import { useChat, type ChatMessage } from "@/components/playground/use-chat";
import { useRetryCountdown } from "@/components/playground/use-retry-countdown";
import { fieldControl } from "@/components/ui/styles";
import { fill, plural, relativeTime } from "@/i18n/client-text";
import type demoMessages from "@/messages/en/demo.json";

/** The `demo` messages, as written: the server passes them in the visitor's language. */
export type DemoText = typeof demoMessages;

export interface DemoModelOption {
  id: string;
  displayName: string;
}

const SUGGESTIONS = ["one", "two", "three"] as const;

export function DemoChat({
  text,
  locale,
  models,
  perMinute,
  maxMessages,
  maxQuestionChars,
}: {
  text: DemoText;
  locale: string;
  /** The demo's models, its default first (never empty). */
  models: DemoModelOption[];
  perMinute: number;
  maxMessages: number;
  maxQuestionChars: number;
}) {
  const selectId = useId();
  const [model, setModel] = useState(models[0].id);
  const [draft, setDraft] = useState("");
  const body = useCallback(
    (history: Array<{ role: "user" | "assistant"; content: string }>) => ({
      model,
      messages: history.slice(-maxMessages),
    }),
    [model, maxMessages],
  );
  const { messages, status, send, stop, clear } = useChat({ endpoint: "/api/demo/chat", body });
  const refused = [...messages].reverse().find((message) => message.error)?.error;
  const limited = refused?.status === 429 ? refused : undefined;
  const countdown = useRetryCountdown(limited?.retryAfterSeconds, limited);
  const current = models.find((option) => option.id === model) ?? models[0];

  const when = (until: number) => relativeTime(until, countdown.now, locale);

  const errorOf = (message: ChatMessage) => {
    const error = message.error;
    if (!error) return null;
    const signUp = (
      <Link href="/signin" className="font-medium underline underline-offset-2">
        {text.errors.signUp}
      </Link>
    );
    if (error.status === 429) {
      const waiting = countdown.until !== undefined && error === limited;
      return (
        <ApiErrorNotice
          error={error}
          title={error.daily ? text.errors.dailyLimit : text.errors.rateLimited}
          apiSays={text.errors.apiSays}
        >
          {waiting && countdown.until !== undefined ? (
            <p data-testid="demo-retry">
              {error.daily
                ? fill(text.errors.opensIn, { when: when(countdown.until) })
                : fill(text.errors.retryIn, { when: when(countdown.until) })}
            </p>
          ) : (
            <p>{text.errors.readyAgain}</p>
          )}
          <p className="mt-1">{signUp}</p>
        </ApiErrorNotice>
      );
    }
    const title =
      error.status === 403
        ? text.errors.notFree
        : error.status === 400 || error.status === 413
          ? text.errors.badRequest
          : error.status === undefined && error.code === null
            ? text.errors.network
            : error.status !== undefined && error.status >= 500
              ? text.errors.unavailable
              : text.errors.failed;
    return (
      <ApiErrorNotice error={error} title={title} apiSays={text.errors.apiSays}>
        {error.status === 403 && <p>{signUp}</p>}
      </ApiErrorNotice>
    );
  };

  const empty = (
    <div className="flex h-full flex-col items-center justify-center gap-5 px-5 py-8 text-center">
      <div>
        <p className="text-base font-semibold">{text.emptyTitle}</p>
        <p className="mx-auto mt-1.5 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
          {fill(text.emptyText, { model: current.displayName })}
        </p>
      </div>
      <ul aria-label={text.suggestionsLabel} className="flex max-w-xl flex-wrap justify-center gap-2">
        {SUGGESTIONS.map((name) => (
          <li key={name}>
            <button
              type="button"
              onClick={() => void send(text.suggestions[name])}
              disabled={countdown.waiting}
              className="rounded-full border border-zinc-300 bg-white px-3.5 py-1.5 text-left text-sm text-zinc-700 hover:border-zinc-400 hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:border-zinc-600 dark:hover:bg-zinc-800"
            >
              {text.suggestions[name]}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );

  return (
    <div className="overflow-hidden rounded-2xl border border-zinc-200 bg-white shadow-xl shadow-zinc-900/5 dark:border-zinc-800 dark:bg-zinc-950 dark:shadow-black/40">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 bg-zinc-50/80 px-4 py-2.5 dark:border-zinc-800 dark:bg-zinc-900/60">
        <div className="flex items-center gap-2 text-sm font-medium">
          <span className="relative flex size-2" aria-hidden="true">
            <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60 motion-reduce:hidden" />
            <span className="relative inline-flex size-2 rounded-full bg-emerald-500" />
          </span>
          {text.badge}
          <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-300">
            {text.noKey}
          </span>
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor={selectId} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
            {text.model}
          </label>
          <select
            id={selectId}
            value={model}
            onChange={(event) => setModel(event.target.value)}
            disabled={status !== "idle"}
            title={current.id}
            className={`${fieldControl} max-w-[12rem] py-1 pl-2 pr-7 text-xs dark:bg-zinc-900`}
          >
            {models.map((option) => (
              <option key={option.id} value={option.id}>
                {option.displayName}
              </option>
            ))}
          </select>
          {messages.length > 0 && (
            <button
              type="button"
              onClick={clear}
              className="rounded-md px-2 py-1 text-xs font-medium text-zinc-600 hover:bg-zinc-200/70 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
            >
              {text.clear}
            </button>
          )}
        </div>
      </div>
      <ChatTranscript
        messages={messages}
        status={status}
        className="h-[22rem] sm:h-[24rem]"
        labels={{
          transcript: text.transcript,
          you: text.you,
          assistant: text.assistant,
          thinking: text.thinking,
          stopped: text.stopped,
          cutShort: text.cutShort,
        }}
        empty={empty}
        error={errorOf}
        footer={(message) => (
          <>
            <span className="font-mono">{message.model ?? model}</span>
            {message.usage && (
              <span>{plural(text.tokens, message.usage.promptTokens + message.usage.completionTokens, locale)}</span>
            )}
            <span>{text.free}</span>
          </>
        )}
      />
      <div className="border-t border-zinc-200 bg-zinc-50/60 p-3 dark:border-zinc-800 dark:bg-zinc-900/40">
        <ChatComposer
          status={status}
          onSend={(text) => void send(text)}
          onStop={stop}
          disabled={countdown.waiting}
          maxLength={maxQuestionChars}
          value={draft}
          onValueChange={setDraft}
          note={fill(text.limits, { perMinute })}
          labels={{
            field: text.field,
            placeholder: text.placeholder,
            send: text.send,
            stop: text.stop,
            hint: text.hint,
          }}
        />
      </div>
    </div>
  );
}
