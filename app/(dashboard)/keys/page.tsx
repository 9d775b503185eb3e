import type { Metadata } from "next";
import { Suspense } from "react";
import { CreateKeyForm } from "@/components/dashboard/create-key-form";
import { KeysTable } from "@/components/dashboard/keys-table";
import { requireUserId } from "@/lib/auth/session";
import { keySpendThisMonth, listApiKeys } from "@/lib/db/queries/dashboard";
import { createKeyAction, revokeKeyAction, updateKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys — Switchyard" };

async function Keys() {
  const userId = await requireUserId();
  const now = new Date();
  const [keys, spend] = await Promise.all([listApiKeys(userId), keySpendThisMonth(userId, { now })]);
  return <KeysTable keys={keys} spend={spend} now={now} actions={{ edit: updateKeyAction, revoke: revokeKeyAction }} />;
}

export default function KeysPage() {
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">API keys</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Use a key with any OpenAI-compatible SDK; the base URL is this site followed by /v1.
        </p>
      </header>
      <CreateKeyForm action={createKeyAction} />
      <Suspense fallback={<p className="text-sm text-zinc-500">Loading keys…</p>}>
        <Keys />
      </Suspense>
    </div>
  );
}
