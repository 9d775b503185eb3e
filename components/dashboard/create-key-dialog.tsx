"use client";
// "Create key": a modal <dialog> (the browser keeps focus inside it and Escape closes it) holding a short form, the
// limits folded away. Once the key is made the dialog shows it, the only time it is ever shown, with ready-to-run
// snippets; focus moves to that panel, and when it closes, to the new key in the list.
import { useActionState, useCallback, useEffect, useRef, useState } from "react";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import { fill } from "@/i18n/client-text";
import type { CreateKeyState } from "@/lib/keys/key-form-state";
import { CopyButton } from "./copy-button";
import {
  EMPTY_KEY_FORM,
  focusFirstInvalid,
  KeyFormAlert,
  KeySettingsFields,
  type KeysText,
} from "./key-settings-fields";
import { SnippetTabs, type Snippet } from "./snippet-tabs";

type Action = (previous: CreateKeyState, formData: FormData) => Promise<CreateKeyState>;

function snippets(key: string, baseUrl: string): Snippet[] {
  return [
    {
      label: "curl",
      code: `curl ${baseUrl}/chat/completions \\\n  -H "Authorization: Bearer ${key}" \\\n  -H "Content-Type: application/json" \\\n  -d '{"model": "openai/gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]}'`,
    },
    {
      label: "Python",
      code: `from openai import OpenAI\n\nclient = OpenAI(base_url="${baseUrl}", api_key="${key}")\nreply = client.chat.completions.create(\n    model="openai/gpt-4o-mini",\n    messages=[{"role": "user", "content": "Hello"}],\n)\nprint(reply.choices[0].message.content)`,
    },
    {
      label: "Node",
      code: `import OpenAI from "openai";\n\nconst client = new OpenAI({ baseURL: "${baseUrl}", apiKey: "${key}" });\nconst reply = await client.chat.completions.create({\n  model: "openai/gpt-4o-mini",\n  messages: [{ role: "user", content: "Hello" }],\n});\nconsole.log(reply.choices[0].message.content);`,
    },
  ];
}

function NewKeyPanel({
  created,
  baseUrl,
  text,
  onDone,
}: {
  created: Extract<CreateKeyState, { status: "created" }>;
  baseUrl: string;
  text: KeysText;
  onDone: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="new-key-heading" data-testid="new-key-panel" className="space-y-4">
      <div>
        <h2 id="new-key-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
          {fill(text.created.title, { name: created.name })}
        </h2>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{text.created.body}</p>
      </div>
      <div className="flex items-center gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-2 dark:border-emerald-800 dark:bg-emerald-950/40">
        <code data-testid="new-key" className="min-w-0 flex-1 break-all font-mono text-sm">
          {created.key}
        </code>
        <CopyButton
          text={created.key}
          words={text.copy}
          label={fill(text.copy.copyLabel, { what: text.created.keyLabel })}
        />
      </div>
      <SnippetTabs snippets={snippets(created.key, baseUrl)} label={text.created.snippets} words={text.copy} />
      <div className="flex justify-end">
        <button type="button" onClick={onDone} className={primaryButton}>
          {text.created.done}
        </button>
      </div>
    </section>
  );
}

function CreateKeyForm({
  action,
  baseUrl,
  text,
  onCancel,
  onCreated,
}: {
  action: Action;
  baseUrl: string;
  text: KeysText;
  onCancel: () => void;
  onCreated: (keyId: string | null) => void;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "error") focusFirstInvalid(form.current);
  }, [state]);
  useEffect(() => onCreated(state.status === "created" ? state.keyId : null), [state, onCreated]);

  if (state.status === "created")
    return <NewKeyPanel created={state} baseUrl={baseUrl} text={text} onDone={onCancel} />;
  return (
    // noValidate: the server reports every problem at once, in the page's language, beside each field.
    <form ref={form} action={formAction} noValidate aria-labelledby="create-key-heading">
      <h2 id="create-key-heading" className="text-lg font-semibold">
        {text.create.title}
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{text.create.description}</p>
      <div className="mt-5">
        <KeySettingsFields
          values={state.status === "error" ? state.values : EMPTY_KEY_FORM}
          issues={state.status === "error" ? state.issues : []}
          text={text}
          limits="folded"
          autoFocus
        />
      </div>
      {state.status === "error" && <KeyFormAlert message={state.message} issues={state.issues} text={text} />}
      <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <button type="button" onClick={onCancel} disabled={pending} className={secondaryButton}>
          {text.create.cancel}
        </button>
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? text.create.submitting : text.create.submit}
        </button>
      </div>
    </form>
  );
}

export function CreateKeyDialog({
  action,
  baseUrl: serverBaseUrl,
  text,
}: {
  action: Action;
  /** The gateway's base URL as the server knows the site's origin; else the browser's. */
  baseUrl: string | undefined;
  text: KeysText;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Each opening starts a fresh form (a new mount), so a key shown before is never shown again.
  const [opening, setOpening] = useState(0);
  const [baseUrl, setBaseUrl] = useState(serverBaseUrl ?? "");
  const createdKeyId = useRef<string | null>(null);
  useEffect(() => {
    if (!serverBaseUrl) setBaseUrl(`${window.location.origin}/v1`);
  }, [serverBaseUrl]);

  const open = () => {
    createdKeyId.current = null;
    setOpening((count) => count + 1);
    dialog.current?.showModal();
  };
  const close = () => dialog.current?.close();
  const onCreated = useCallback((keyId: string | null) => {
    createdKeyId.current = keyId;
  }, []);
  // Runs however the dialog closes (a button, Escape). The browser has just given focus back to "Create key"; once a
  // key was made, the sensible place is that key's row in the list.
  const onClose = () => {
    const keyId = createdKeyId.current;
    if (keyId) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-key-id="${CSS.escape(keyId)}"]`)?.focus());
    }
    // The form (and the key it holds) leaves the page.
    setOpening((count) => count + 1);
  };

  return (
    <>
      <button type="button" onClick={open} className={`${primaryButton} shrink-0`}>
        {text.create.open}
      </button>
      <dialog
        ref={dialog}
        onClose={onClose}
        aria-labelledby="create-key-heading new-key-heading"
        className="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-xl overflow-y-auto rounded-xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-zinc-950/60 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        {opening > 0 && (
          <CreateKeyForm
            key={opening}
            action={action}
            baseUrl={baseUrl}
            text={text}
            onCancel={close}
            onCreated={onCreated}
          />
        )}
      </dialog>
    </>
  );
}
