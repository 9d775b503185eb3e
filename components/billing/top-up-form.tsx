"use client";
import { useActionState, useState } from "react";
import { fieldControl, primaryButton } from "@/components/ui/styles";
import type { TopUpState } from "./top-up-state";

type Action = (previous: TopUpState, formData: FormData) => Promise<TopUpState>;

const input = `${fieldControl} block w-full py-2 pl-7 pr-3 disabled:bg-zinc-100 dark:bg-zinc-900 dark:disabled:bg-zinc-800`;

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
}: TopUpFormProps) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const initial = presets.includes(25) ? "25" : (presets[0]?.toString() ?? "custom");
  const [choice, setChoice] = useState<string>(initial);
  const [custom, setCustom] = useState("");
  const amount = choice === "custom" ? custom.trim() : choice;

  return (
    <form
      action={formAction}
      aria-label="Add credits"
      className="flex flex-col rounded-lg border border-zinc-200 p-4 sm:p-6 dark:border-zinc-800"
    >
      <h2 className="text-base font-semibold">Add credits</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Pay by card on Stripe Checkout. Between {minLabel} and {maxLabel} per top-up.
      </p>
      {!configured && (
        <p
          role="status"
          className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
        >
          Card payments are not configured on this server, so top-ups are unavailable.
          {isAdmin
            ? " To turn them on, set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET and restart."
            : " Ask the site's operator for credits in the meantime."}
        </p>
      )}
      <fieldset disabled={!configured || pending} className="mt-4 min-w-0">
        <legend className="sr-only">Amount</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {presets.map((preset) => {
            const value = String(preset);
            const selected = choice === value;
            return (
              <label
                key={value}
                className={`flex cursor-pointer items-center justify-center rounded-md border px-3 py-2 text-sm font-medium has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-zinc-900 has-[:focus-visible]:ring-offset-2 dark:has-[:focus-visible]:ring-zinc-300 dark:has-[:focus-visible]:ring-offset-zinc-950 ${selected ? "border-zinc-900 bg-zinc-900 text-white dark:border-white dark:bg-white dark:text-zinc-900" : "border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"}`}
              >
                <input
                  type="radio"
                  name="choice"
                  value={value}
                  checked={selected}
                  onChange={() => setChoice(value)}
                  className="sr-only"
                />
                ${preset}
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
            className="h-4 w-4 accent-zinc-900"
          />
          Other amount
        </label>
        <div className="relative mt-1">
          <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-zinc-500">
            $
          </span>
          <input
            aria-label="Custom amount, USD"
            inputMode="decimal"
            placeholder={`${minUsd}–${maxUsd}`}
            pattern="\d+(\.\d{1,2})?"
            value={custom}
            onFocus={() => setChoice("custom")}
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
          <p role="alert" className="mt-3 text-sm text-red-600 dark:text-red-400">
            {state.message}
          </p>
        )}
        <button type="submit" className={`${primaryButton} mt-4 w-full disabled:cursor-not-allowed sm:w-auto`}>
          {pending
            ? "Opening Checkout…"
            : amount && /^\d+(\.\d{1,2})?$/.test(amount)
              ? `Pay $${amount} with card`
              : "Pay with card"}
        </button>
      </fieldset>
    </form>
  );
}
