"use client";
// One form for every operator console action: it submits to a server action (without JavaScript too), shows the
// action's message, and puts each field's problem beside that field, keeping what was typed.
import { createContext, type ReactNode, useActionState, useContext, useEffect, useRef } from "react";
import { useFormStatus } from "react-dom";
import { fieldControl, primaryButton, secondaryButton } from "@/components/ui/styles";
import { type AdminFormAction, type AdminFormState, IDLE } from "./form-state";

const FormState = createContext<{ state: AdminFormState; formId: string }>({ state: IDLE, formId: "" });

export function ActionForm({
  action,
  label,
  id,
  children,
  className,
}: {
  action: AdminFormAction;
  label: string;
  /** Prefix of the fields' ids: unique on the page. */
  id: string;
  children: ReactNode;
  className?: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status !== "error") return;
    form.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [state]);
  return (
    <form ref={form} action={formAction} aria-label={label} noValidate className={className}>
      <FormState.Provider value={{ state, formId: id }}>
        {children}
        <FormMessage />
      </FormState.Provider>
    </form>
  );
}

function FormMessage() {
  const { state } = useContext(FormState);
  if (state.status === "idle") return null;
  if (state.status === "error")
    return state.message ? (
      <p role="alert" className="mt-2 whitespace-pre-wrap break-words text-sm text-red-700 dark:text-red-400">
        {state.message}
      </p>
    ) : null;
  return (
    <div role="status" className="mt-2 text-sm text-emerald-700 dark:text-emerald-400">
      <p>{state.message}</p>
      {state.list && state.list.length > 0 && (
        <ul className="mt-1 max-h-48 overflow-y-auto rounded border border-zinc-200 p-2 font-mono text-xs text-zinc-800 dark:border-zinc-800 dark:text-zinc-200">
          {state.list.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function useField(name: string, fallback: string) {
  const { state, formId } = useContext(FormState);
  const id = `${formId}-${name}`;
  const issue = state.status === "error" ? state.issues[name] : undefined;
  const value = state.status === "error" && name in state.values ? state.values[name] : fallback;
  return { id, issue, value, at: state.status === "idle" ? 0 : state.at };
}

function Issue({ id, issue }: { id: string; issue?: string }) {
  return issue ? (
    <p id={`${id}-issue`} className="mt-1 text-xs text-red-700 dark:text-red-400">
      {issue}
    </p>
  ) : null;
}

const labelClass = "block text-xs font-medium text-zinc-700 dark:text-zinc-300";
const inputClass = `${fieldControl} mt-1 block w-full px-2 py-1.5 dark:bg-zinc-900`;

/** What a control's aria-describedby names: its hint and its problem, where it has them. */
function describedBy(id: string, hint: string | undefined, issue: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : "", issue ? `${id}-issue` : ""].filter(Boolean).join(" ") || undefined;
}

/** A control with its label above and its hint and problem below. */
function Labelled({
  id,
  label,
  hint,
  issue,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  issue?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      )}
      <Issue id={id} issue={issue} />
    </div>
  );
}

export function TextField({
  name,
  label,
  defaultValue = "",
  hint,
  type = "text",
  placeholder,
  multiline = false,
  autoComplete = "off",
}: {
  name: string;
  label: string;
  defaultValue?: string;
  hint?: string;
  type?: "text" | "password" | "url";
  placeholder?: string;
  multiline?: boolean;
  autoComplete?: string;
}) {
  const { id, issue, value, at } = useField(name, defaultValue);
  const common = {
    id,
    name,
    // A key per submission: the field shows the values sent back with an error, not the ones it started with.
    defaultValue: type === "password" ? "" : value,
    "aria-invalid": issue ? true : undefined,
    "aria-describedby": describedBy(id, hint, issue),
    placeholder,
    className: inputClass,
  } as const;
  return (
    <Labelled id={id} label={label} hint={hint} issue={issue}>
      {multiline ? (
        <textarea key={at} rows={3} {...common} />
      ) : (
        <input key={at} type={type} autoComplete={autoComplete} spellCheck={false} {...common} />
      )}
    </Labelled>
  );
}

export function SelectField({
  name,
  label,
  options,
  defaultValue = "",
  hint,
}: {
  name: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  defaultValue?: string;
  hint?: string;
}) {
  const { id, issue, value, at } = useField(name, defaultValue);
  return (
    <Labelled id={id} label={label} hint={hint} issue={issue}>
      <select
        key={at}
        id={id}
        name={name}
        defaultValue={value}
        aria-invalid={issue ? true : undefined}
        aria-describedby={describedBy(id, hint, issue)}
        className={inputClass}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

export function CheckboxField({
  name,
  label,
  defaultChecked = false,
  value = "on",
}: {
  name: string;
  label: string;
  defaultChecked?: boolean;
  value?: string;
}) {
  const { state, formId } = useContext(FormState);
  const id = `${formId}-${name}-${value}`;
  // Sent back with an error, a box is as it was submitted (an unchecked box sends nothing).
  const checked = state.status === "error" ? state.values[`${name}:${value}`] === "on" : defaultChecked;
  return (
    <label htmlFor={id} className="inline-flex items-center gap-2 text-sm">
      <input
        key={state.status === "idle" ? 0 : state.at}
        id={id}
        type="checkbox"
        name={name}
        value={value}
        defaultChecked={checked}
        className="h-4 w-4 rounded border-zinc-300 dark:border-zinc-700"
      />
      {label}
    </label>
  );
}

/** The field's problem for a group of checkboxes (they have no single control to sit beside). */
export function GroupIssue({ name }: { name: string }) {
  const { state, formId } = useContext(FormState);
  const issue = state.status === "error" ? state.issues[name] : undefined;
  return <Issue id={`${formId}-${name}`} issue={issue} />;
}

export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
}: {
  children: ReactNode;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const { pending } = useFormStatus();
  const className =
    variant === "primary"
      ? primaryButton
      : variant === "secondary"
        ? secondaryButton
        : `${secondaryButton} text-red-700 dark:text-red-400`;
  return (
    <button type="submit" disabled={pending} aria-busy={pending || undefined} className={className}>
      {pending ? pendingLabel : children}
    </button>
  );
}

/** A form that is one button (enable, disable, remove): what it acts on travels in its hidden `fields`. */
export function ButtonForm({
  action,
  id,
  label,
  fields,
  variant = "secondary",
  pendingLabel,
  children,
}: {
  action: AdminFormAction;
  id: string;
  label: string;
  fields: Record<string, string>;
  variant?: "primary" | "secondary" | "danger";
  pendingLabel: string;
  children: ReactNode;
}) {
  return (
    <ActionForm action={action} id={id} label={label}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>
        {children}
      </SubmitButton>
    </ActionForm>
  );
}
