"use client";
import { useActionState, useEffect, useRef } from "react";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import { fill } from "@/i18n/client-text";
import type { EditKeyState, KeyFormValues } from "@/lib/keys/key-form-state";
import { focusFirstInvalid, KeyFormAlert, KeySettingsFields, type KeysText } from "./key-settings-fields";

export type EditKeyAction = (previous: EditKeyState, formData: FormData) => Promise<EditKeyState>;

export function EditKeyForm({
  keyId,
  keyName,
  values,
  action,
  text,
  onClose,
}: {
  keyId: string;
  keyName: string;
  values: KeyFormValues;
  action: EditKeyAction;
  text: KeysText;
  onClose: () => void;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "saved") onClose();
    if (state.status === "error") focusFirstInvalid(form.current);
  }, [state, onClose]);

  return (
    <form
      ref={form}
      action={formAction}
      noValidate
      aria-label={fill(text.row.editLabel, { name: keyName })}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !pending) onClose();
      }}
      className="mt-4 rounded-md border border-zinc-200 bg-zinc-50 p-4 dark:border-zinc-800 dark:bg-zinc-900/50"
    >
      <h3 className="mb-3 text-sm font-semibold">{text.edit.title}</h3>
      <input type="hidden" name="keyId" value={keyId} />
      <KeySettingsFields
        values={state.status === "error" ? state.values : values}
        issues={state.status === "error" ? state.issues : []}
        text={text}
        limits="shown"
        autoFocus
      />
      {state.status === "error" && <KeyFormAlert message={state.message} issues={state.issues} text={text} />}
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? text.edit.saving : text.edit.save}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={onClose}
          className={`${secondaryButton} bg-white dark:bg-zinc-900`}
        >
          {text.edit.cancel}
        </button>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{text.edit.note}</span>
      </div>
    </form>
  );
}
