"use client";
import { useCallback, useRef, useState, type ReactNode } from "react";
import { fill } from "@/i18n/client-text";
import type { KeyActionResult, KeyFormValues } from "@/lib/keys/key-form-state";
import { EditKeyForm, type EditKeyAction } from "./edit-key-form";
import type { KeysText } from "./key-settings-fields";
import { RevokeKeyButton } from "./revoke-key-button";

export interface KeyRowActions {
  edit: EditKeyAction;
  revoke: (input: { keyId: string }) => Promise<KeyActionResult>;
}

/**
 * One key of the list: its details (rendered on the server) and, while it is not revoked, Edit and Revoke. The row
 * itself takes focus (tabIndex -1) where nothing else sensible is left: after a revocation, and when the dialog that
 * created the key closes (data-key-id).
 */
export function KeyRow({
  keyId,
  keyName,
  values,
  actions,
  text,
  children,
}: {
  keyId: string;
  keyName: string;
  values: KeyFormValues | null;
  actions: KeyRowActions;
  text: KeysText;
  children: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [revoked, setRevoked] = useState(false);
  const row = useRef<HTMLLIElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  }, []);
  const onRevoked = useCallback(() => {
    setRevoked(true);
    requestAnimationFrame(() => row.current?.focus());
  }, []);

  return (
    <li
      ref={row}
      tabIndex={-1}
      data-testid="key-row"
      data-key-id={keyId}
      className="p-4 focus-visible:-outline-offset-2 sm:px-6"
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
        <div className="min-w-0 flex-1">{children}</div>
        {values && !editing && (
          <div className="flex shrink-0 flex-wrap items-center gap-2 sm:max-w-xs sm:justify-end">
            <button
              ref={editButton}
              type="button"
              aria-label={fill(text.row.editLabel, { name: keyName })}
              onClick={() => setEditing(true)}
              className="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {text.row.edit}
            </button>
            <RevokeKeyButton
              keyId={keyId}
              keyName={keyName}
              action={actions.revoke}
              text={text.row}
              onRevoked={onRevoked}
            />
          </div>
        )}
      </div>
      {values && editing && (
        <EditKeyForm
          keyId={keyId}
          keyName={keyName}
          values={values}
          action={actions.edit}
          text={text}
          onClose={close}
        />
      )}
      <p role="status" className="sr-only">
        {revoked ? fill(text.row.revokedNotice, { name: keyName }) : ""}
      </p>
    </li>
  );
}
