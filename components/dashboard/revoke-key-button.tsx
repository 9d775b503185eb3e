"use client";
import { useState, useTransition } from "react";
import type { KeyActionResult } from "@/lib/keys/key-form-state";

type Action = (input: { keyId: string }) => Promise<KeyActionResult>;

export function RevokeKeyButton({ keyId, keyName, action }: { keyId: string; keyName: string; action: Action }) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        className="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium text-red-700 hover:bg-red-50 dark:border-zinc-700 dark:text-red-400 dark:hover:bg-red-950/40"
      >
        Revoke
      </button>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2">
      <span className="text-xs text-zinc-600 dark:text-zinc-400">Revoke “{keyName}”? Calls with it stop at once.</span>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await action({ keyId });
            if (!result.ok) setMessage(result.message);
            setConfirming(false);
          })
        }
        className="rounded-md bg-red-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-red-700 disabled:opacity-60"
      >
        {pending ? "Revoking…" : "Yes, revoke"}
      </button>
      <button
        type="button"
        onClick={() => setConfirming(false)}
        className="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium dark:border-zinc-700"
      >
        Cancel
      </button>
      {message && (
        <span role="alert" className="text-xs text-red-600">
          {message}
        </span>
      )}
    </span>
  );
}
