// The name and limit fields of a key, shared by the create form and the edit form so that both ask the same way, and
// the refusal both show: each problem beside its field, and all of them, by field, in one alert by the submit button.
import { useId, type ReactNode } from "react";
import { fieldControl } from "@/components/ui/styles";
import {
  KEY_LIMIT_BOUNDS,
  type KeyField,
  type KeyFieldErrors,
  type KeyFormError,
  type KeyFormValues,
} from "@/lib/keys/key-form-state";

export const EMPTY_KEY_FORM: KeyFormValues = {
  name: "",
  rpmLimit: "",
  monthlyBudgetUsd: "",
  expiresOn: "",
  allowedModels: "",
  allowedIps: "",
};

const LABELS: Record<KeyField, string> = {
  name: "Name",
  rpmLimit: "Requests per minute",
  monthlyBudgetUsd: "Monthly budget, USD",
  expiresOn: "Expires on",
  allowedModels: "Allowed models",
  allowedIps: "Allowed IP addresses",
};

const fieldInput = `${fieldControl} mt-1 block w-full px-3 py-2 font-normal dark:bg-zinc-900 aria-invalid:border-red-600 dark:aria-invalid:border-red-400`;

/** What a field's input takes from the field: its description (hint and error) and whether it is invalid. */
interface FieldInputProps {
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
  className: string;
}

function Field({
  field,
  hint,
  error,
  wide,
  children,
}: {
  field: KeyField;
  hint?: string;
  error?: string;
  wide?: boolean;
  children: (props: FieldInputProps) => ReactNode;
}) {
  const hintId = useId();
  const errorId = useId();
  const describedBy = [error ? errorId : undefined, hint ? hintId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is the child rendered by `children`. */}
      <label className="block text-sm font-medium">
        {LABELS[field]}
        {children({ "aria-describedby": describedBy, "aria-invalid": error ? true : undefined, className: fieldInput })}
      </label>
      {error && (
        <p id={errorId} className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-zinc-500">
          {hint}
        </p>
      )}
    </div>
  );
}

export function KeySettingsFields({
  values,
  errors = {},
  autoFocus,
}: {
  values: KeyFormValues;
  errors?: KeyFieldErrors;
  autoFocus?: boolean;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field field="name" error={errors.name}>
        {(props) => (
          <input
            name="name"
            required
            maxLength={80}
            placeholder="my-app"
            defaultValue={values.name}
            // biome-ignore lint/a11y/noAutofocus: only where the form is the page's one task (a new key).
            autoFocus={autoFocus}
            {...props}
          />
        )}
      </Field>
      <Field field="rpmLimit" hint="Blank: the gateway's default limit." error={errors.rpmLimit}>
        {(props) => (
          <input
            name="rpmLimit"
            type="number"
            min={1}
            max={KEY_LIMIT_BOUNDS.maxRpm}
            step={1}
            inputMode="numeric"
            defaultValue={values.rpmLimit}
            {...props}
          />
        )}
      </Field>
      <Field
        field="monthlyBudgetUsd"
        hint="Calls stop once this UTC month's spend reaches it. Blank: none."
        error={errors.monthlyBudgetUsd}
      >
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
      <Field field="expiresOn" hint="At the end of that day (UTC). Blank: never." error={errors.expiresOn}>
        {(props) => <input name="expiresOn" type="date" defaultValue={values.expiresOn} {...props} />}
      </Field>
      <Field
        field="allowedModels"
        hint="Model ids, separated by commas or spaces. Blank: every model."
        error={errors.allowedModels}
        wide
      >
        {(props) => (
          <input name="allowedModels" placeholder="openai/gpt-4o-mini" defaultValue={values.allowedModels} {...props} />
        )}
      </Field>
      <Field
        field="allowedIps"
        hint="IPv4 or IPv6 addresses or CIDR ranges, separated by commas, spaces or new lines. Blank: any address."
        error={errors.allowedIps}
        wide
      >
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
    </div>
  );
}

/** Why the form was refused, as one alert: what belongs to no field, then each field's problem under its label. */
export function KeyFormAlert({ error }: { error: KeyFormError }) {
  const fields = (Object.keys(LABELS) as KeyField[]).filter((field) => error.fieldErrors?.[field]);
  return (
    <div role="alert" className="mt-3 text-sm text-red-600 dark:text-red-400">
      {error.message && <p>{error.message}</p>}
      {fields.length > 0 && (
        <ul className="list-disc space-y-1 pl-5">
          {fields.map((field) => (
            <li key={field}>
              <span className="font-medium">{LABELS[field]}:</span> {error.fieldErrors?.[field]}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
