// The signed-in user for pages and server actions: redirect (pages) or refuse (actions) when there is none.
import "../server-only";
import { redirect } from "next/navigation";
import { auth } from "./auth";

export async function currentUserId(): Promise<string | undefined> {
  const session = await auth();
  return session?.user?.id ?? undefined;
}

export async function requireUserId(): Promise<string> {
  const userId = await currentUserId();
  if (!userId) redirect("/signin");
  return userId;
}
