"use client";
// The playground: chat with any model the account may call, with a system prompt and a temperature, through
// POST /api/playground/chat. Each answer shows its tokens and cost from the stream's usage chunk (the cost charged to
// the balance, as for any request); errors show as the API gives them, with what to do about them.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useMemo, useState } from "react";
import { fieldControl, secondaryButton } from "@/components/ui/styles";
import type { PlaygroundModel } from "@/lib/playground/playground-models";
import { ApiErrorNotice } from "./api-error-notice";
import { ChatComposer } from "./chat-composer";
import { ChatTranscript } from "./chat-transcript";
import { useChat, type ChatMessage } from "./use-chat";
import { useRetryCountdown } from "./use-retry-countdown";

const DEFAULT_TEMPERATURE = 1;
/** The charge is written a moment after the answer ends (in a batch): the balance beside the page is read after it. */
const BALANCE_REFRESH_DELAY_MS = 1_000;

/** Per-request costs at a fixed precision, in USD whatever the language ("$0.000178"). */
export function formatRequestCost(usd: number): string {
  return `$${usd.toFixed(6)}`;
}

/** Per-1M-token prices as lists show them: "$0.15", "$2.50", "$0.0375". */
function formatPrice(usd: number): string {
  const text = usd.toFixed(6).replace(/0+$/, "");
  const [whole, fraction = ""] = text.split(".");
  return `$${whole}.${fraction.padEnd(2, "0")}`;
}

export function Playground({ models, defaultModel }: { models: PlaygroundModel[]; defaultModel: string }) {
  const t = useTranslations("playground");
  const format = useFormatter();
  const ids = { model: useId(), system: useId(), temperature: useId() };
  const [model, setModel] = useState(defaultModel);
  const [system, setSystem] = useState("");
  const [temperature, setTemperature] = useState(DEFAULT_TEMPERATURE);
  const body = useCallback(
    (history: Array<{ role: "user" | "assistant"; content: string }>) => ({
      model,
      messages: system.trim() ? [{ role: "system", content: system.trim() }, ...history] : history,
      temperature,
      stream: true,
      stream_options: { include_usage: true },
    }),
    [model, system, temperature],
  );
  const { messages, status, send, stop, clear } = useChat({ endpoint: "/api/playground/chat", body });
  const refused = [...messages].reverse().find((message) => message.error)?.error;
  const limited = refused?.status === 429 ? refused : undefined;
  const countdown = useRetryCountdown(limited?.retryAfterSeconds, limited);
  const router = useRouter();
  const charged = messages.filter((message) => message.usage).length;

  // The sidebar's balance, brought up to date after each charged answer.
  useEffect(() => {
    if (charged === 0 || status !== "idle") return;
    const timer = setTimeout(() => router.refresh(), BALANCE_REFRESH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [charged, status, router]);

  const selected = models.find((option) => option.id === model);
  const providers = useMemo(() => [...new Set(models.map((option) => option.providerName))], [models]);
  const totals = messages.reduce(
    (sum, message) => ({
      answers: sum.answers + (message.usage ? 1 : 0),
      tokens: sum.tokens + (message.usage ? message.usage.promptTokens + message.usage.completionTokens : 0),
      cost: sum.cost + (message.usage?.costUsd ?? 0),
    }),
    { answers: 0, tokens: 0, cost: 0 },
  );

  const errorOf = (message: ChatMessage) => {
    const error = message.error;
    if (!error) return null;
    const link = (href: string, label: string) => (
      <Link href={href} className="font-medium underline underline-offset-2">
        {label}
      </Link>
    );
    let title = t("errors.failed");
    let action: React.ReactNode = null;
    if (error.status === 402) {
      title = t("errors.credit");
      action = link("/billing", t("errors.addCredit"));
    } else if (error.status === 429) {
      title = t("errors.rateLimited");
      action =
        countdown.until !== undefined && error === limited
          ? t("errors.retryIn", { when: format.relativeTime(countdown.until, countdown.now) })
          : t("errors.readyAgain");
    } else if (error.status === 401) {
      title = t("errors.signedOut");
      action = link("/signin?callbackUrl=%2Fplayground", t("errors.signIn"));
    } else if (error.status === 403) {
      title = t("errors.forbidden");
      action = link("/keys", t("errors.keys"));
    } else if (error.status === 400 || error.status === 404 || error.status === 413) {
      title = t("errors.badRequest");
    } else if (error.status !== undefined && error.status >= 500) {
      title = t("errors.upstream");
    } else if (error.status === undefined && error.code === null) {
      title = t("errors.network");
    }
    return (
      <ApiErrorNotice error={error} title={title} apiSays={t("errors.apiSays")}>
        {action && <p>{action}</p>}
      </ApiErrorNotice>
    );
  };

  const modelPicker = (
    <div>
      <label htmlFor={ids.model} className="block text-sm font-medium">
        {t("model")}
      </label>
      <select
        id={ids.model}
        value={model}
        onChange={(event) => setModel(event.target.value)}
        className={`${fieldControl} mt-1.5 block w-full px-2.5 py-2 dark:bg-zinc-900`}
      >
        {providers.map((provider) => (
          <optgroup key={provider} label={provider}>
            {models
              .filter((option) => option.providerName === provider)
              .map((option) => (
                <option key={option.id} value={option.id}>
                  {option.free ? t("freeOption", { name: option.displayName }) : option.displayName}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      {selected && (
        <p className="mt-1.5 text-xs text-zinc-600 dark:text-zinc-400">
          <span className="font-mono">{selected.id}</span>
          <br />
          {selected.free
            ? t("priceFree")
            : t("price", {
                input: formatPrice(selected.inputPerMillionUsd),
                output: formatPrice(selected.outputPerMillionUsd),
              })}
        </p>
      )}
    </div>
  );

  const settings = (
    <div className="flex flex-col gap-5">
      <div>
        <label htmlFor={ids.system} className="block text-sm font-medium">
          {t("system")}
        </label>
        <textarea
          id={ids.system}
          value={system}
          onChange={(event) => setSystem(event.target.value)}
          rows={4}
          placeholder={t("systemPlaceholder")}
          className={`${fieldControl} mt-1.5 block w-full resize-y px-2.5 py-2 dark:bg-zinc-900`}
        />
      </div>
      <div>
        <div className="flex items-center justify-between">
          <label htmlFor={ids.temperature} className="text-sm font-medium">
            {t("temperature")}
          </label>
          <output htmlFor={ids.temperature} className="font-mono text-sm tabular-nums">
            {temperature.toFixed(1)}
          </output>
        </div>
        <input
          id={ids.temperature}
          type="range"
          min={0}
          max={2}
          step={0.1}
          value={temperature}
          onChange={(event) => setTemperature(Number(event.target.value))}
          className="mt-2 w-full accent-zinc-900 dark:accent-zinc-100"
        />
        <div className="mt-1 flex justify-between text-xs text-zinc-500 dark:text-zinc-400">
          <span>{t("precise")}</span>
          <span>{t("creative")}</span>
        </div>
      </div>
      <div className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
        <p className="font-medium">{t("totals.title")}</p>
        <dl className="mt-2 grid grid-cols-3 gap-2 text-xs text-zinc-600 dark:text-zinc-400">
          <div>
            <dt>{t("totals.answers")}</dt>
            <dd className="mt-0.5 font-mono text-sm text-zinc-900 tabular-nums dark:text-zinc-100">
              {format.number(totals.answers)}
            </dd>
          </div>
          <div>
            <dt>{t("totals.tokens")}</dt>
            <dd className="mt-0.5 font-mono text-sm text-zinc-900 tabular-nums dark:text-zinc-100">
              {format.number(totals.tokens)}
            </dd>
          </div>
          <div>
            <dt>{t("totals.cost")}</dt>
            <dd
              data-testid="conversation-cost"
              className="mt-0.5 font-mono text-sm text-zinc-900 tabular-nums dark:text-zinc-100"
            >
              {formatRequestCost(totals.cost)}
            </dd>
          </div>
        </dl>
      </div>
      <button type="button" onClick={clear} disabled={messages.length === 0} className={secondaryButton}>
        {t("clear")}
      </button>
    </div>
  );

  return (
    // On a phone: the model, the chat, then the other settings; on a wide screen the settings stand beside the chat.
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_17rem] lg:grid-rows-[auto_1fr]">
      <div className="lg:col-start-2 lg:row-start-1">{modelPicker}</div>
      <section
        aria-label={t("chat")}
        className="flex min-w-0 flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white lg:col-start-1 lg:row-span-2 lg:row-start-1 dark:border-zinc-800 dark:bg-zinc-950"
      >
        <ChatTranscript
          messages={messages}
          status={status}
          className="h-[24rem] lg:h-[32rem]"
          labels={{
            transcript: t("transcript"),
            you: t("you"),
            assistant: t("assistant"),
            thinking: t("thinking"),
            stopped: t("stopped"),
            cutShort: t("cutShort"),
          }}
          empty={
            <div className="flex h-full flex-col items-center justify-center gap-2 p-6 text-center">
              <p className="font-semibold">{t("emptyTitle")}</p>
              <p className="max-w-sm text-sm text-zinc-600 dark:text-zinc-400">{t("emptyText")}</p>
            </div>
          }
          error={errorOf}
          footer={(message) => (
            <>
              <span className="font-mono">{message.model ?? model}</span>
              {message.usage && (
                <>
                  <span>
                    {t("usage", {
                      input: message.usage.promptTokens,
                      output: message.usage.completionTokens,
                    })}
                  </span>
                  {message.usage.costUsd !== undefined && (
                    <span data-testid="answer-cost" className="font-mono text-zinc-700 dark:text-zinc-300">
                      {formatRequestCost(message.usage.costUsd)}
                    </span>
                  )}
                </>
              )}
            </>
          )}
        />
        <div className="border-t border-zinc-200 bg-zinc-50/60 p-3 dark:border-zinc-800 dark:bg-zinc-900/40">
          <ChatComposer
            status={status}
            onSend={(text) => void send(text)}
            onStop={stop}
            disabled={countdown.waiting || !selected}
            labels={{
              field: t("field"),
              placeholder: t("placeholder"),
              send: t("send"),
              stop: t("stop"),
              hint: t("hint"),
            }}
          />
        </div>
      </section>
      <aside aria-label={t("settings")} className="lg:col-start-2 lg:row-start-2">
        {settings}
      </aside>
    </div>
  );
}
