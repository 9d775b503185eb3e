"use client";
// One form for a customer's endpoint's models: "Test connection" lists what the endpoint's GET /models answers (or its
// exact error) as boxes to tick, beside the models already picked; ids it does not list can be typed. The two buttons
// submit the same form to two server actions, so what is ticked is never lost between testing and saving.
import { useActionState, useId } from "react";
import { type AdminFormAction, type AdminFormState, IDLE } from "@/components/admin/form-state";
import { fieldControl, primaryButton, secondaryButton } from "@/components/ui/styles";

export interface ModelPickerText {
  label: string;
  key: string;
  test: string;
  testing: string;
  listed: string;
  typed: string;
  typedHint: string;
  save: string;
  saving: string;
}

function Outcome({ state }: { state: AdminFormState }) {
  if (state.status === "idle") return null;
  if (state.status === "error")
    return (
      <p role="alert" className="whitespace-pre-wrap break-words text-sm text-red-700 dark:text-red-400">
        {state.message}
      </p>
    );
  return (
    <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
      {state.message}
    </p>
  );
}

export function ModelPicker({
  providerId,
  keys,
  chosen,
  testAction,
  saveAction,
  text,
}: {
  providerId: string;
  keys: Array<{ id: string; label: string; lastFour: string }>;
  /** The models picked so far (upstream ids). */
  chosen: string[];
  testAction: AdminFormAction;
  saveAction: AdminFormAction;
  text: ModelPickerText;
}) {
  const id = useId();
  const [tested, test, testing] = useActionState(testAction, IDLE);
  const [saved, save, saving] = useActionState(saveAction, IDLE);
  const listed = tested.status === "saved" ? (tested.list ?? []) : [];
  const offered = [...new Set([...chosen, ...listed])].sort();
  const typedIssue = saved.status === "error" ? saved.issues.typedModels : undefined;
  return (
    <form aria-label={text.label} className="space-y-3" noValidate>
      <input type="hidden" name="providerId" value={providerId} />
      {keys.length > 1 && (
        <div>
          <label htmlFor={`${id}-key`} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
            {text.key}
          </label>
          <select
            id={`${id}-key`}
            name="keyId"
            className={`${fieldControl} mt-1 block w-full px-2 py-1.5 dark:bg-zinc-900`}
          >
            {keys.map((key) => (
              <option key={key.id} value={key.id}>
                {`${key.label} (…${key.lastFour})`}
              </option>
            ))}
          </select>
        </div>
      )}
      <button
        type="submit"
        formAction={test}
        disabled={testing}
        aria-busy={testing || undefined}
        className={secondaryButton}
      >
        {testing ? text.testing : text.test}
      </button>
      <Outcome state={tested} />
      {offered.length > 0 && (
        <fieldset key={tested.status === "idle" ? 0 : tested.at}>
          <legend className="text-xs font-medium text-zinc-700 dark:text-zinc-300">{text.listed}</legend>
          <ul className="mt-1 grid max-h-64 gap-1 overflow-y-auto rounded border border-zinc-200 p-2 sm:grid-cols-2 dark:border-zinc-800">
            {offered.map((model) => (
              <li key={model}>
                <label className="inline-flex items-center gap-2 break-all font-mono text-xs">
                  <input
                    type="checkbox"
                    name="models"
                    value={model}
                    defaultChecked={chosen.includes(model)}
                    className="h-4 w-4 shrink-0 rounded border-zinc-300 dark:border-zinc-700"
                  />
                  {model}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <div>
        <label htmlFor={`${id}-typed`} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
          {text.typed}
        </label>
        <textarea
          id={`${id}-typed`}
          name="typedModels"
          rows={2}
          spellCheck={false}
          aria-invalid={typedIssue ? true : undefined}
          aria-describedby={`${id}-typed-hint${typedIssue ? ` ${id}-typed-issue` : ""}`}
          className={`${fieldControl} mt-1 block w-full px-2 py-1.5 font-mono dark:bg-zinc-900`}
        />
        <p id={`${id}-typed-hint`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {text.typedHint}
        </p>
        {typedIssue && (
          <p id={`${id}-typed-issue`} className="mt-1 text-xs text-red-700 dark:text-red-400">
            {typedIssue}
          </p>
        )}
      </div>
      <button
        type="submit"
        formAction={save}
        disabled={saving}
        aria-busy={saving || undefined}
        className={primaryButton}
      >
        {saving ? text.saving : text.save}
      </button>
      <Outcome state={saved} />
    </form>
  );
}
