import type { Metadata } from "next";
import { Suspense } from "react";
import { requireUserId } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Usage — Switchyard" };

async function Guard() {
  await requireUserId();
  return null;
}

export default function UsagePage() {
  return (
    <>
      <Suspense fallback={null}><Guard /></Suspense>
      <h1 className="text-2xl font-semibold tracking-tight">Usage</h1>
      <p className="mt-4 rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">Usage charts and the request log are coming next.</p>
    </>
  );
}
