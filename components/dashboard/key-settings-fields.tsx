// The name and limit fields of a key, shared by the create form and the edit form so that both ask the same way.
import { useId, type ReactNode } from "react";
import type { KeyFormValues } from "@/lib/keys/key-form-state";

export const EMPTY_KEY_FORM: KeyFormValues = { name: "", rpmLimit: "", monthlyBudgetUsd: "", expiresOn: "", allowedModels: "", allowedIps: "" };

const fieldInput =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-normal shadow-sm focus:border-zinc-900 focus:outline-none focus:ring-1 focus:ring-zinc-900 dark:border-zinc-700 dark:bg-zinc-900";

function Field({ label, hint, wide, children }: { label: string; hint?: string; wide?: boolean; children: (describedBy: string | undefined) => ReactNode }) {
  const hintId = useId();
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <label className="block text-sm font-medium">
        {label}
        {children(hint ? hintId : undefined)}
      </label>
      {hint && <p id={hintId} className="mt-1 text-xs text-zinc-500">{hint}</p>}
    </div>
  );
}

export function KeySettingsFields({ values, autoFocus }: { values: KeyFormValues; autoFocus?: boolean }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="Name">
        {(describedBy) => <input name="name" required maxLength={80} placeholder="my-app" defaultValue={values.name} autoFocus={autoFocus} aria-describedby={describedBy} className={fieldInput} />}
      </Field>
      <Field label="Requests per minute" hint="Blank: the gateway's default limit.">
        {(describedBy) => <input name="rpmLimit" type="number" min={1} step={1} inputMode="numeric" defaultValue={values.rpmLimit} aria-describedby={describedBy} className={fieldInput} />}
      </Field>
      <Field label="Monthly budget, USD" hint="Calls stop once this UTC month's spend reaches it. Blank: none.">
        {(describedBy) => (
          <input name="monthlyBudgetUsd" inputMode="decimal" placeholder="25.00" pattern="\d+(\.\d{1,6})?" defaultValue={values.monthlyBudgetUsd} aria-describedby={describedBy} className={fieldInput} />
        )}
      </Field>
      <Field label="Expires on" hint="At the end of that day (UTC). Blank: never.">
        {(describedBy) => <input name="expiresOn" type="date" defaultValue={values.expiresOn} aria-describedby={describedBy} className={fieldInput} />}
      </Field>
      <Field label="Allowed models" hint="Model ids, separated by commas or spaces. Blank: every model." wide>
        {(describedBy) => (
          <input name="allowedModels" placeholder="openai/gpt-4o-mini" defaultValue={values.allowedModels} aria-describedby={describedBy} className={fieldInput} />
        )}
      </Field>
      <Field label="Allowed IP addresses" hint="IPv4 or IPv6 addresses or CIDR ranges, separated by commas, spaces or new lines. Blank: any address." wide>
        {(describedBy) => (
          <textarea
            name="allowedIps"
            rows={2}
            placeholder="203.0.113.7, 10.0.0.0/8"
            defaultValue={values.allowedIps}
            spellCheck={false}
            aria-describedby={describedBy}
            className={`${fieldInput} resize-y font-mono`}
          />
        )}
      </Field>
    </div>
  );
}
