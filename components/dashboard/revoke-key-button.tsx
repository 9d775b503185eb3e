"use client";
import { useEffect, useRef, useState, useTransition } from "react";
import { fill } from "@/i18n/client-text";
import type { KeyActionResult } from "@/lib/keys/key-form-state";
import type { KeysText } from "./key-settings-fields";

type Action = (input: { keyId: string }) => Promise<KeyActionResult>;

/**
 * Revoke, then a confirmation in place. Focus never falls to the page: asking moves it to Cancel (the safe choice),
 * cancelling back to Revoke, and a revocation to the row itself (`onRevoked`), whose buttons are gone.
 */
export function RevokeKeyButton({
  keyId,
  keyName,
  action,
  text,
  onRevoked,
}: {
  keyId: string;
  keyName: string;
  action: Action;
  text: KeysText["row"];
  onRevoked: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const revokeButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
    else if (asked.current) revokeButton.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <>
        <button
          ref={revokeButton}
          type="button"
          aria-label={fill(text.revokeLabel, { name: keyName })}
          onClick={() => {
            asked.current = true;
            setConfirming(true);
          }}
          className="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium text-red-700 hover:bg-red-50 dark:border-zinc-700 dark:text-red-400 dark:hover:bg-red-950/40"
        >
          {text.revoke}
        </button>
        {message && (
          <span role="alert" className="text-xs text-red-700 dark:text-red-400">
            {message}
          </span>
        )}
      </>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2">
      <span className="text-xs text-zinc-600 dark:text-zinc-400">{fill(text.confirm, { name: keyName })}</span>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await action({ keyId });
            if (result.ok) {
              asked.current = false;
              onRevoked();
            } else setMessage(result.message);
            setConfirming(false);
          })
        }
        className="rounded-md bg-red-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-red-700 disabled:opacity-60"
      >
        {pending ? text.revoking : text.confirmYes}
      </button>
      <button
        ref={cancelButton}
        type="button"
        onClick={() => setConfirming(false)}
        className="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium dark:border-zinc-700"
      >
        {text.cancel}
      </button>
    </span>
  );
}
