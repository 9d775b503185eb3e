// The signed-in user for pages and server actions: redirect (pages) or refuse (actions) when there is none. A suspended
// account's pages send it to /signin/suspended, which says why (its keys are refused by the gateway meanwhile).
import "../server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "../db/client";
import { auth } from "./auth";

export async function currentUserId(): Promise<string | undefined> {
  const session = await auth();
  return session?.user?.id ?? undefined;
}

/** Whether an operator suspended the account, and why; read once per render however many parts of the page ask. */
export const accountSuspension = cache(async (userId: string) => {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { suspendedAt: true, suspendedReason: true },
  });
  return user?.suspendedAt ? { since: user.suspendedAt, reason: user.suspendedReason ?? "" } : null;
});

export async function requireUserId(): Promise<string> {
  const userId = await currentUserId();
  if (!userId) redirect("/signin");
  if (await accountSuspension(userId)) redirect("/signin/suspended");
  return userId;
}
