// Who may use the operator console: admins only, checked on the server for every admin page and every admin action.
// Anyone else gets a 404 (the console's existence is not confirmed to them); a signed-out visitor to a page goes to
// sign-in first (proxy.ts), and a signed-out action is refused the same way as a non-admin one.
import "../server-only";
import { notFound } from "next/navigation";
import { auth } from "../auth/auth";
import { db } from "../db/client";
import type { Actor } from "./audit";

export interface Admin extends Actor {
  userId: string;
  via: "console";
}

/** The admin behind this request (a page or a server action); otherwise Next's 404. */
export async function requireAdmin(): Promise<Admin> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) notFound();
  // Read again on every call: an admin whose flag was removed loses the console at once, whatever the session says.
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { email: true, isAdmin: true, suspendedAt: true },
  });
  if (!user?.isAdmin || user.suspendedAt) notFound();
  return { userId, email: user.email ?? userId, via: "console" };
}
