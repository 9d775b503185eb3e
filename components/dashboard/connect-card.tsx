import Link from "next/link";
import { fill } from "@/i18n/client-text";
import { CopyButton } from "./copy-button";
import type { KeysText } from "./key-settings-fields";

function CopyField({ label, value, text }: { label: string; value: string; text: KeysText["copy"] }) {
  return (
    <div className="min-w-0">
      <p className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{label}</p>
      <div className="mt-1 flex items-center gap-2 rounded-md border border-zinc-200 bg-zinc-50 py-1.5 pl-3 pr-1.5 dark:border-zinc-800 dark:bg-zinc-900">
        <code className="min-w-0 flex-1 truncate font-mono text-sm" title={value}>
          {value}
        </code>
        <CopyButton text={value} words={text} label={fill(text.copyLabel, { what: label })} />
      </div>
    </div>
  );
}

/** What every SDK needs besides a key: where to send it, and how. Stays on the page after the key panel closes. */
export function ConnectCard({ baseUrl, text }: { baseUrl: string; text: KeysText }) {
  return (
    <section
      aria-labelledby="connect-heading"
      className="rounded-lg border border-zinc-200 p-4 sm:p-6 dark:border-zinc-800"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="connect-heading" className="text-base font-semibold">
          {text.connect.title}
        </h2>
        <Link
          href="/docs/quickstart"
          className="text-sm font-medium text-zinc-900 underline underline-offset-2 hover:text-zinc-600 dark:text-zinc-100 dark:hover:text-zinc-300"
        >
          {text.connect.quickstart}
        </Link>
      </div>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{text.connect.description}</p>
      <div className="mt-4 grid gap-3 md:grid-cols-2">
        <CopyField label={text.connect.baseUrl} value={baseUrl} text={text.copy} />
        <CopyField label={text.connect.authHeader} value={text.connect.authValue} text={text.copy} />
      </div>
    </section>
  );
}
