// What happens once, when next-auth creates a user: the trial credit and, for the first user or a listed email, admin.
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

export async function onUserCreated(
  prisma: Database,
  user: { id: string; email?: string | null },
  settings: SignupSettings,
): Promise<void> {
  const listed = !!user.email && settings.adminEmails.includes(user.email.toLowerCase());
  // "First user ever": nobody was created before this one (users made later do not take it away). The free demo's
  // system account is nobody: it may well exist before the operator signs up.
  const created = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { createdAt: true } });
  const firstUser =
    (await prisma.user.count({
      where: { id: { notIn: [user.id, DEMO_USER_ID] }, createdAt: { lte: created.createdAt } },
    })) === 0;
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
