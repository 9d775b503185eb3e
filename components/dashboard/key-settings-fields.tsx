"use client";
// The fields of a key's settings, shared by the create dialog and the edit form. A refused form shows every problem at
// once: each beside its field (and in its description), and all of them, by field, in one alert by the submit button.
import { useId, type ReactNode } from "react";
import { fieldControl } from "@/components/ui/styles";
import type { Messages } from "@/i18n/messages";
import {
  KEY_FIELDS,
  KEY_LIMIT_BOUNDS,
  type KeyField,
  type KeyFormIssue,
  type KeyFormValues,
  RATE_LIMIT_FIELDS,
  type RateLimitField,
} from "@/lib/keys/key-form-state";

export type KeysText = Messages["keys"];

export const EMPTY_KEY_FORM: KeyFormValues = {
  name: "",
  rpmLimit: "",
  rpdLimit: "",
  tpmLimit: "",
  concurrencyLimit: "",
  monthlyBudgetUsd: "",
  budgetPeriod: "month",
  expiresOn: "",
  allowedModels: "",
  allowedIps: "",
};

const LIMIT_FIELDS = KEY_FIELDS.filter((field) => field !== "name");
/** Filled in by default: not a sign that the person set a limit. */
const DEFAULTS: Partial<KeyFormValues> = { budgetPeriod: "month" };

const RATE_LIMIT_MAX: Record<RateLimitField, number> = {
  rpmLimit: KEY_LIMIT_BOUNDS.maxRpm,
  rpdLimit: KEY_LIMIT_BOUNDS.maxRpd,
  tpmLimit: KEY_LIMIT_BOUNDS.maxTpm,
  concurrencyLimit: KEY_LIMIT_BOUNDS.maxConcurrency,
};

const fieldInput = `${fieldControl} mt-1 block w-full px-3 py-2 font-normal dark:bg-zinc-900 aria-invalid:border-red-600 dark:aria-invalid:border-red-400`;

/** What a field's input takes from the field: its description (problems and hint) and whether it is invalid. */
interface FieldInputProps {
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
  className: string;
}

function Field({
  label,
  hint,
  problems,
  wide,
  children,
}: {
  label: string;
  hint?: string;
  problems: string[];
  wide?: boolean;
  children: (props: FieldInputProps) => ReactNode;
}) {
  const hintId = useId();
  const errorId = useId();
  const describedBy =
    [problems.length > 0 ? errorId : undefined, hint ? hintId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is the child rendered by `children`. */}
      <label className="block text-sm font-medium">
        {label}
        {children({
          "aria-describedby": describedBy,
          "aria-invalid": problems.length > 0 ? true : undefined,
          className: fieldInput,
        })}
      </label>
      {problems.length > 0 && (
        <div id={errorId} className="mt-1 space-y-0.5 text-xs font-medium text-red-700 dark:text-red-400">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      )}
    </div>
  );
}

function problemsOf(issues: readonly KeyFormIssue[], field: KeyField): string[] {
  return issues.filter((issue) => issue.field === field).map((issue) => issue.message);
}

/**
 * `limits: "folded"` (the create dialog) puts every field but the name in a closed <details>, opened when one of them
 * has a problem; "shown" (editing a key) lays them all out.
 */
export function KeySettingsFields({
  values,
  issues = [],
  text,
  limits,
  autoFocus,
}: {
  values: KeyFormValues;
  issues?: readonly KeyFormIssue[];
  text: KeysText;
  limits: "folded" | "shown";
  autoFocus?: boolean;
}) {
  const fields = text.fields;
  const problems = (field: KeyField) => problemsOf(issues, field);
  const name = (
    <Field label={fields.name} problems={problems("name")} wide={limits === "folded"}>
      {(props) => (
        <input
          name="name"
          required
          maxLength={80}
          placeholder={fields.namePlaceholder}
          autoComplete="off"
          defaultValue={values.name}
          // biome-ignore lint/a11y/noAutofocus: the form is the one task of the dialog or panel it opens in.
          autoFocus={autoFocus}
          {...props}
        />
      )}
    </Field>
  );
  const limitFields = (
    <>
      {RATE_LIMIT_FIELDS.map((field) => (
        <Field key={field} label={fields[field]} hint={fields[`${field}Hint`]} problems={problems(field)}>
          {(props) => (
            <input
              name={field}
              type="number"
              min={1}
              max={RATE_LIMIT_MAX[field]}
              step={1}
              inputMode="numeric"
              defaultValue={values[field]}
              {...props}
            />
          )}
        </Field>
      ))}
      <Field label={fields.monthlyBudgetUsd} hint={fields.monthlyBudgetUsdHint} problems={problems("monthlyBudgetUsd")}>
        {(props) => (
          <input
            name="monthlyBudgetUsd"
            type="number"
            min={KEY_LIMIT_BOUNDS.minMonthlyBudgetUsd}
            max={KEY_LIMIT_BOUNDS.maxMonthlyBudgetUsd}
            step="any"
            inputMode="decimal"
            placeholder="25.00"
            defaultValue={values.monthlyBudgetUsd}
            {...props}
          />
        )}
      </Field>
      <Field label={fields.budgetPeriod} hint={fields.budgetPeriodHint} problems={problems("budgetPeriod")}>
        {(props) => (
          <select name="budgetPeriod" defaultValue={values.budgetPeriod || "month"} {...props}>
            {(["day", "week", "month"] as const).map((period) => (
              <option key={period} value={period}>
                {fields.budgetPeriods[period]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={fields.expiresOn} hint={fields.expiresOnHint} problems={problems("expiresOn")}>
        {(props) => <input name="expiresOn" type="date" defaultValue={values.expiresOn} {...props} />}
      </Field>
      <Field label={fields.allowedModels} hint={fields.allowedModelsHint} problems={problems("allowedModels")} wide>
        {(props) => (
          <input
            name="allowedModels"
            placeholder="openai/gpt-4o-mini"
            autoComplete="off"
            spellCheck={false}
            defaultValue={values.allowedModels}
            {...props}
          />
        )}
      </Field>
      <Field label={fields.allowedIps} hint={fields.allowedIpsHint} problems={problems("allowedIps")} wide>
        {(props) => (
          <textarea
            name="allowedIps"
            rows={2}
            placeholder="203.0.113.7, 10.0.0.0/8"
            defaultValue={values.allowedIps}
            spellCheck={false}
            {...props}
            className={`${props.className} resize-y font-mono`}
          />
        )}
      </Field>
    </>
  );
  if (limits === "shown") {
    return (
      <div className="grid gap-4 sm:grid-cols-2">
        {name}
        {limitFields}
      </div>
    );
  }
  const limitProblem = issues.some((issue) => issue.field !== "name");
  const filled = LIMIT_FIELDS.some((field) => values[field].trim() !== "" && values[field] !== DEFAULTS[field]);
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">{name}</div>
      <details
        open={limitProblem || filled || undefined}
        className="group rounded-md border border-zinc-200 dark:border-zinc-800"
      >
        <summary className="flex cursor-pointer list-none items-center justify-between gap-3 rounded-md px-3 py-2.5 text-sm font-medium hover:bg-zinc-50 focus-visible:-outline-offset-2 dark:hover:bg-zinc-800/60 [&::-webkit-details-marker]:hidden">
          <span>
            {text.create.limits}
            <span className="mt-0.5 block text-xs font-normal text-zinc-600 dark:text-zinc-400">
              {text.create.limitsHint}
            </span>
          </span>
          <svg
            aria-hidden
            viewBox="0 0 20 20"
            className="size-4 shrink-0 text-zinc-600 transition-transform group-open:rotate-180 dark:text-zinc-400"
          >
            <path d="M5 7.5 10 12.5 15 7.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
          </svg>
        </summary>
        <div className="grid gap-4 border-t border-zinc-200 p-3 sm:grid-cols-2 dark:border-zinc-800">{limitFields}</div>
      </details>
    </div>
  );
}

/** Why the form was refused, as one alert: what belongs to no field, then each field's problems under its label. */
export function KeyFormAlert({
  message,
  issues,
  text,
}: {
  message: string;
  issues: readonly KeyFormIssue[];
  text: KeysText;
}) {
  const fields = KEY_FIELDS.filter((field) => issues.some((issue) => issue.field === field));
  return (
    <div role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
      {message && <p>{message}</p>}
      {fields.length > 0 && (
        <ul className="list-disc space-y-1 pl-5">
          {fields.map((field) => (
            <li key={field}>
              <span className="font-medium">{text.fields[field]}:</span> {problemsOf(issues, field).join("; ")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** After a refusal, the first field with a problem gets the focus (the alert has already been read out). */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  const invalid = form?.querySelector<HTMLElement>("[aria-invalid='true']");
  invalid?.focus();
}
