// A labelled input for the console's plain-post forms (the accounts pages), with its hint and the problem the
// redirect after a refused post brought back. The catalog's forms use action-form.tsx's fields instead.
import type { InputHTMLAttributes } from "react";
import { fieldControl } from "@/components/ui/styles";

/** The label and control of the accounts pages' fields (the filters there look the same). */
export const plainLabel = "block text-sm font-medium";
export const plainControl = `${fieldControl} mt-1 w-full px-3 py-2 dark:bg-zinc-900`;

export function LabelledInput({
  id,
  label,
  error,
  hint,
  className,
  ...input
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  /** Classes for the field's box (its width). */
  className?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "className">) {
  const described = [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ");
  return (
    <div className={className}>
      <label htmlFor={id} className={plainLabel}>
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        className={plainControl}
        {...input}
      />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
