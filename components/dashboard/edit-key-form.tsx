"use client";
import { useActionState, useEffect } from "react";
import type { EditKeyState, KeyFormValues } from "@/lib/keys/key-form-state";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import { KeyFormAlert, KeySettingsFields } from "./key-settings-fields";

export type EditKeyAction = (previous: EditKeyState, formData: FormData) => Promise<EditKeyState>;

export function EditKeyForm({
  keyId,
  keyName,
  values,
  action,
  onClose,
}: {
  keyId: string;
  keyName: string;
  values: KeyFormValues;
  action: EditKeyAction;
  onClose: () => void;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  useEffect(() => {
    if (state.status === "saved") onClose();
  }, [state, onClose]);

  return (
    <form
      action={formAction}
      aria-label={`Edit “${keyName}”`}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !pending) onClose();
      }}
      className="mt-4 rounded-md border border-zinc-200 bg-zinc-50 p-4 dark:border-zinc-800 dark:bg-zinc-900/50"
    >
      <h3 className="mb-3 text-sm font-semibold">Edit name and limits</h3>
      <input type="hidden" name="keyId" value={keyId} />
      <KeySettingsFields
        values={state.status === "error" ? state.values : values}
        errors={state.status === "error" ? state.fieldErrors : undefined}
        autoFocus
      />
      {state.status === "error" && <KeyFormAlert error={state} />}
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Saving…" : "Save"}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={onClose}
          className={`${secondaryButton} bg-white dark:bg-zinc-900`}
        >
          Cancel
        </button>
        <span className="text-xs text-zinc-500">Changes reach the gateway within a second.</span>
      </div>
    </form>
  );
}
