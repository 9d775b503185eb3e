"use client";
// Mint an admin access token: a name, then the token shown once with a copy button and the `claude mcp add` command
// ready to paste. Works without JavaScript too (the form posts, the page answers with the token).
import { useActionState, useEffect, useRef } from "react";
import { CopyButton, type CopyText } from "@/components/dashboard/copy-button";
import { fieldControl, primaryButton } from "@/components/ui/styles";
import type { MintTokenState } from "@/lib/admin/token-form-state";

export interface MintTokenText {
  title: string;
  nameLabel: string;
  nameHint: string;
  submit: string;
  minting: string;
  mintedTitle: string;
  mintedBody: string;
  commandLabel: string;
  copy: CopyText;
}

type Action = (previous: MintTokenState, formData: FormData) => Promise<MintTokenState>;

/** The command that adds this server to Claude Code. */
export function claudeCommand(mcpUrl: string, token: string): string {
  return `claude mcp add switchyard --transport http ${mcpUrl} --header "Authorization: Bearer ${token}"`;
}

export function MintTokenForm({ action, mcpUrl, text }: { action: Action; mcpUrl: string; text: MintTokenText }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const minted = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state.status === "minted") minted.current?.focus();
  }, [state]);
  return (
    <section aria-labelledby="mint-token-heading" className="space-y-4">
      <h2 id="mint-token-heading" className="text-lg font-semibold">
        {text.title}
      </h2>
      <form action={formAction} className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1">
          <label htmlFor="token-name" className="block text-sm font-medium">
            {text.nameLabel}
          </label>
          <input
            id="token-name"
            name="name"
            required
            maxLength={100}
            defaultValue={state.status === "error" ? state.name : ""}
            aria-describedby="token-name-hint token-name-error"
            aria-invalid={state.status === "error"}
            className={`${fieldControl} mt-1 w-full px-3 py-2 dark:bg-zinc-900`}
          />
          <p id="token-name-hint" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            {text.nameHint}
          </p>
          {state.status === "error" && (
            <p id="token-name-error" role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
              {state.message}
            </p>
          )}
        </div>
        <button type="submit" disabled={pending} className={`${primaryButton} sm:mb-6`}>
          {pending ? text.minting : text.submit}
        </button>
      </form>
      {state.status === "minted" && (
        <div
          data-testid="minted-token-panel"
          className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950/40"
        >
          <h3 ref={minted} tabIndex={-1} className="font-semibold focus:outline-none">
            {text.mintedTitle.replace("{name}", state.name)}
          </h3>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">{text.mintedBody}</p>
          <div className="flex items-center gap-2">
            <code data-testid="minted-token" className="min-w-0 flex-1 break-all font-mono text-sm">
              {state.token}
            </code>
            <CopyButton text={state.token} words={text.copy} />
          </div>
          <p className="text-sm font-medium">{text.commandLabel}</p>
          <div className="flex items-start gap-2 rounded-md bg-zinc-900 p-3 text-zinc-100">
            <code data-testid="claude-command" className="min-w-0 flex-1 break-all font-mono text-xs">
              {claudeCommand(mcpUrl, state.token)}
            </code>
            <CopyButton text={claudeCommand(mcpUrl, state.token)} words={text.copy} />
          </div>
        </div>
      )}
    </section>
  );
}
