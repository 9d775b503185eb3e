"use client";
import { useActionState, useEffect, useState } from "react";
import type { CreateKeyState } from "@/lib/keys/create-key-state";
import { CopyButton } from "./copy-button";

type Action = (previous: CreateKeyState, formData: FormData) => Promise<CreateKeyState>;

const input =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-zinc-900 focus:outline-none focus:ring-1 focus:ring-zinc-900 dark:border-zinc-700 dark:bg-zinc-900";

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
      <section aria-label="New key" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 sm:p-6 dark:border-emerald-800 dark:bg-emerald-950/40">
        <h2 className="text-base font-semibold">Key “{state.name}” created</h2>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">Copy it now: this is the only time it is shown. Only a hash is stored.</p>
        <div className="mt-3 flex items-center gap-2 rounded-md border border-zinc-300 bg-white p-2 dark:border-zinc-700 dark:bg-zinc-900">
          <code data-testid="new-key" className="min-w-0 flex-1 break-all font-mono text-sm">{state.key}</code>
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
          <div className="relative">
            <pre className="overflow-x-auto rounded-b-md bg-zinc-900 p-3 text-xs leading-relaxed text-zinc-100"><code>{examples[tab].code}</code></pre>
            <div className="absolute right-2 top-2"><CopyButton text={examples[tab].code} /></div>
          </div>
        </div>
        <button type="button" onClick={() => setDismissed(state.key)} className="mt-4 rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-white dark:text-zinc-900">
          I have copied it
        </button>
      </section>
    );
  }

  return (
    <form action={formAction} className="rounded-lg border border-zinc-200 p-4 sm:p-6 dark:border-zinc-800">
      <h2 className="text-base font-semibold">Create a key</h2>
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <label className="block text-sm font-medium">
          Name
          <input name="name" required maxLength={80} placeholder="my-app" className={input} />
        </label>
        <label className="block text-sm font-medium">
          Requests per minute <span className="font-normal text-zinc-500">(optional)</span>
          <input name="rpmLimit" type="number" min={1} step={1} inputMode="numeric" className={input} />
        </label>
        <label className="block text-sm font-medium">
          Monthly budget, USD <span className="font-normal text-zinc-500">(optional)</span>
          <input name="monthlyBudgetUsd" inputMode="decimal" placeholder="25.00" pattern="\d+(\.\d{1,6})?" className={input} />
        </label>
        <label className="block text-sm font-medium">
          Expires on <span className="font-normal text-zinc-500">(optional)</span>
          <input name="expiresOn" type="date" className={input} />
        </label>
        <label className="block text-sm font-medium sm:col-span-2">
          Allowed models <span className="font-normal text-zinc-500">(optional, comma-separated ids; empty allows all)</span>
          <input name="allowedModels" placeholder="openai/gpt-4o-mini, anthropic/claude-sonnet-4" className={input} />
        </label>
      </div>
      {state.status === "error" && <p role="alert" className="mt-3 text-sm text-red-600 dark:text-red-400">{state.message}</p>}
      <button type="submit" disabled={pending} className="mt-4 rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700 disabled:opacity-60 dark:bg-white dark:text-zinc-900">
        {pending ? "Creating…" : "Create key"}
      </button>
    </form>
  );
}
