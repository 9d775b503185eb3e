"use client";
import { useActionState, useEffect, useState } from "react";
import type { CreateKeyState } from "@/lib/keys/key-form-state";
import { primaryButton } from "@/components/ui/styles";
import { CopyButton } from "./copy-button";
import { EMPTY_KEY_FORM, KeyFormAlert, KeySettingsFields } from "./key-settings-fields";

type Action = (previous: CreateKeyState, formData: FormData) => Promise<CreateKeyState>;

function snippets(key: string, baseUrl: string) {
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

export function CreateKeyForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const [origin, setOrigin] = useState("");
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [tab, setTab] = useState(0);
  useEffect(() => setOrigin(window.location.origin), []);

  if (state.status === "created" && dismissed !== state.key) {
    const baseUrl = `${origin}/v1`;
    const examples = snippets(state.key, baseUrl);
    return (
      <section
        aria-label="New key"
        className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 sm:p-6 dark:border-emerald-800 dark:bg-emerald-950/40"
      >
        <h2 className="text-base font-semibold">Key “{state.name}” created</h2>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          Copy it now: this is the only time it is shown. Only a hash is stored.
        </p>
        <div className="mt-3 flex items-center gap-2 rounded-md border border-zinc-300 bg-white p-2 dark:border-zinc-700 dark:bg-zinc-900">
          <code data-testid="new-key" className="min-w-0 flex-1 break-all font-mono text-sm">
            {state.key}
          </code>
          <CopyButton text={state.key} />
        </div>
        <div className="mt-4">
          <div className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800" role="tablist">
            {examples.map((example, index) => (
              <button
                key={example.label}
                type="button"
                role="tab"
                aria-selected={tab === index}
                onClick={() => setTab(index)}
                className={`rounded-t-md px-3 py-1.5 text-sm ${tab === index ? "border border-b-0 border-zinc-200 bg-white font-medium dark:border-zinc-800 dark:bg-zinc-900" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400"}`}
              >
                {example.label}
              </button>
            ))}
          </div>
          {/* The copy button has a row of its own: over the code, it would hide the end of a line on a phone. */}
          <div className="rounded-b-md bg-zinc-900">
            <div className="flex justify-end px-2 pt-2">
              <CopyButton text={examples[tab].code} />
            </div>
            <pre className="overflow-x-auto px-3 pb-3 pt-1 text-xs leading-relaxed text-zinc-100">
              <code>{examples[tab].code}</code>
            </pre>
          </div>
        </div>
        <button type="button" onClick={() => setDismissed(state.key)} className={`${primaryButton} mt-4`}>
          I have copied it
        </button>
      </section>
    );
  }

  return (
    <form
      action={formAction}
      aria-label="Create a key"
      className="rounded-lg border border-zinc-200 p-4 sm:p-6 dark:border-zinc-800"
    >
      <h2 className="text-base font-semibold">Create a key</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Every limit is optional and can be changed later.</p>
      <div className="mt-4">
        <KeySettingsFields
          values={state.status === "error" ? state.values : EMPTY_KEY_FORM}
          errors={state.status === "error" ? state.fieldErrors : undefined}
        />
      </div>
      {state.status === "error" && <KeyFormAlert error={state} />}
      <button type="submit" disabled={pending} className={`${primaryButton} mt-4`}>
        {pending ? "Creating…" : "Create key"}
      </button>
    </form>
  );
}
