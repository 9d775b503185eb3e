"use client";
import { useCallback, useRef, useState, type ReactNode } from "react";
import type { KeyActionResult, KeyFormValues } from "@/lib/keys/key-form-state";
import { EditKeyForm, type EditKeyAction } from "./edit-key-form";
import { RevokeKeyButton } from "./revoke-key-button";

export interface KeyRowActions {
  edit: EditKeyAction;
  revoke: (input: { keyId: string }) => Promise<KeyActionResult>;
}

/** One key of the list: its details (rendered on the server) and, while it is not revoked, Edit and Revoke. */
export function KeyRow({
  keyId,
  keyName,
  values,
  actions,
  children,
}: {
  keyId: string;
  keyName: string;
  values: KeyFormValues | null;
  actions: KeyRowActions;
  children: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  }, []);

  return (
    <li data-testid="key-row" className="p-4 sm:px-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
        <div className="min-w-0 flex-1">{children}</div>
        {values && !editing && (
          <div className="flex shrink-0 flex-wrap items-center gap-2 sm:max-w-xs sm:justify-end">
            <button
              ref={editButton}
              type="button"
              onClick={() => setEditing(true)}
              className="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Edit
            </button>
            <RevokeKeyButton keyId={keyId} keyName={keyName} action={actions.revoke} />
          </div>
        )}
      </div>
      {values && editing && (
        <EditKeyForm keyId={keyId} keyName={keyName} values={values} action={actions.edit} onClose={close} />
      )}
    </li>
  );
}
