"use client";
// The top-up form. The amount is one piece of state, shown three ways that always agree: the chosen option, the
// hidden `amount` field that is sent, and the button's label. "Other amount" is chosen only by choosing it or by
// typing in its field: focusing the field on the way to the button (keyboard users) keeps a preset. The form is sent
// from onSubmit rather than `action` so that React does not reset the fields after a refusal, which would leave the
// radios showing another amount than the one in state.
import { type FormEvent, useActionState, useState, useTransition } from "react";
import { fieldControl, primaryButton } from "@/components/ui/styles";
import { fill } from "@/i18n/client-text";
import type { Messages } from "@/i18n/messages";
import type { TopUpState } from "./top-up-state";

type Action = (previous: TopUpState, formData: FormData) => Promise<TopUpState>;
type TopUpText = Messages["billing"]["topUp"];

const input = `${fieldControl} block w-full py-2 pl-7 pr-3 disabled:bg-zinc-100 dark:bg-zinc-900 dark:disabled:bg-zinc-800`;
const WHOLE_CENTS = /^\d+(\.\d{1,2})?$/;

export interface TopUpFormProps {
  action: Action;
  configured: boolean;
  /** Whole-dollar presets already within the bounds. */
  presets: number[];
  minUsd: number;
  maxUsd: number;
  /** The bounds as people read them: "$5.00". */
  minLabel: string;
  maxLabel: string;
  /** Admins run the server: they are told what to set when payments are off; customers are not. */
  isAdmin: boolean;
  text: TopUpText;
  locale: string;
}

/** "$25", "$12.50": the amount on the button, as the language writes money. */
function amountLabel(amount: string, locale: string): string {
  const cents = amount.includes(".");
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: cents ? 2 : 0,
    maximumFractionDigits: 2,
  }).format(Number(amount));
}

export function TopUpForm({
  action,
  configured,
  presets,
  minUsd,
  maxUsd,
  minLabel,
  maxLabel,
  isAdmin,
  text,
  locale,
}: TopUpFormProps) {
  const [state, dispatch, pending] = useActionState(action, { status: "idle" });
  const [, startTransition] = useTransition();
  const initial = presets.includes(25) ? "25" : (presets[0]?.toString() ?? "custom");
  const [choice, setChoice] = useState<string>(initial);
  const [custom, setCustom] = useState("");
  const amount = choice === "custom" ? custom.trim() : choice;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };

  return (
    <form
      onSubmit={submit}
      aria-labelledby="top-up-heading"
      className="flex flex-col rounded-lg border border-zinc-200 p-4 sm:p-6 dark:border-zinc-800"
    >
      <h2 id="top-up-heading" className="text-base font-semibold">
        {text.title}
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {fill(text.description, { min: minLabel, max: maxLabel })}
      </p>
      {!configured && (
        <p
          role="status"
          className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
        >
          {text.notConfigured} {isAdmin ? text.notConfiguredAdmin : text.notConfiguredCustomer}
        </p>
      )}
      <fieldset disabled={!configured || pending} className="mt-4 min-w-0">
        <legend className="sr-only">{text.amount}</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {presets.map((preset) => {
            const value = String(preset);
            const selected = choice === value;
            return (
              <label
                key={value}
                className={`flex cursor-pointer items-center justify-center rounded-md border px-3 py-2 text-sm font-medium tabular-nums has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-zinc-900 has-[:focus-visible]:ring-offset-2 dark:has-[:focus-visible]:ring-zinc-300 dark:has-[:focus-visible]:ring-offset-zinc-950 ${selected ? "border-zinc-900 bg-zinc-900 text-white dark:border-white dark:bg-white dark:text-zinc-900" : "border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"}`}
              >
                <input
                  type="radio"
                  name="choice"
                  value={value}
                  checked={selected}
                  onChange={() => setChoice(value)}
                  className="sr-only"
                />
                {amountLabel(value, locale)}
              </label>
            );
          })}
        </div>
        <label className="mt-3 flex items-center gap-2 text-sm font-medium">
          <input
            type="radio"
            name="choice"
            value="custom"
            checked={choice === "custom"}
            onChange={() => setChoice("custom")}
            className="h-4 w-4 accent-zinc-900 dark:accent-zinc-100"
          />
          {text.other}
        </label>
        <div className="relative mt-1">
          <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-zinc-600 dark:text-zinc-400">
            $
          </span>
          <input
            aria-label={text.customLabel}
            inputMode="decimal"
            autoComplete="off"
            placeholder={`${minUsd}–${maxUsd}`}
            pattern="\d+(\.\d{1,2})?"
            value={custom}
            onChange={(event) => {
              setCustom(event.target.value);
              setChoice("custom");
            }}
            required={choice === "custom"}
            className={input}
          />
        </div>
        <input type="hidden" name="amount" value={amount} />
        {state.status === "error" && (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
            {state.message}
          </p>
        )}
        <button type="submit" className={`${primaryButton} mt-4 w-full disabled:cursor-not-allowed sm:w-auto`}>
          {pending
            ? text.opening
            : amount && WHOLE_CENTS.test(amount)
              ? fill(text.pay, { amount: amountLabel(amount, locale) })
              : text.payPlain}
        </button>
      </fieldset>
    </form>
  );
}
