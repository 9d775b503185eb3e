// What happens once, when next-auth creates a user: the trial credit and admin for a listed email (ADMIN_EMAILS) or,
// on a gateway that lists none, for the first user.
import "../server-only";
import type { Database } from "../db/client";
import { recordMovement } from "../billing/ledger";
import { usdToMicros } from "../money";
import { DEMO_USER_ID } from "../demo/demo-account";

export interface SignupSettings {
  signupCreditUsd: number;
  adminEmails: string[];
}

export function parseAdminEmails(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((email) => email.trim().toLowerCase())
    .filter(Boolean);
}

async function isFirstUser(prisma: Database, userId: string): Promise<boolean> {
  const created = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { createdAt: true } });
  const earlier = await prisma.user.count({
    where: { id: { notIn: [userId, DEMO_USER_ID] }, createdAt: { lte: created.createdAt } },
  });
  return earlier === 0;
}

export async function onUserCreated(
  prisma: Database,
  user: { id: string; email?: string | null },
  settings: SignupSettings,
): Promise<void> {
  const listed = !!user.email && settings.adminEmails.includes(user.email.toLowerCase());
  // "First user ever": nobody was created before this one (users made later do not take it away). The free demo's
  // system account is nobody: it may well exist before the operator signs up. Only where ADMIN_EMAILS names no one:
  // an operator who listed the admins must not find that a stranger who signed up first is one too.
  const firstUser = settings.adminEmails.length === 0 && (await isFirstUser(prisma, user.id));
  if (listed || firstUser) await prisma.user.update({ where: { id: user.id }, data: { isAdmin: true } });
  if (settings.signupCreditUsd > 0) {
    // The idempotency key makes the grant happen once even if the event fires twice.
    await recordMovement(prisma, {
      userId: user.id,
      kind: "grant",
      amountMicros: usdToMicros(settings.signupCreditUsd),
      description: "trial credit",
      idempotencyKey: `signup:${user.id}`,
    });
  }
}
