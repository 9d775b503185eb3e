// A user named by email, for admin operations that take one (MCP names users by email): refused in words when the
// address is malformed or belongs to nobody.
import "../server-only";
import { z } from "zod";
import type { Prisma } from "../db/generated/client";
import { AdminError } from "./admin-error";

export const emailSchema = z.string().trim().toLowerCase().email("Enter an email address, such as ada@example.com");

type Reader = Pick<Prisma.TransactionClient, "user">;

export async function userByEmail(prisma: Reader, emailText: string) {
  const parsed = emailSchema.safeParse(emailText);
  if (!parsed.success) throw new AdminError(parsed.error.issues[0]?.message ?? "Not an email address", "email");
  const user = await prisma.user.findUnique({ where: { email: parsed.data } });
  if (!user) throw new AdminError(`No user with email ${parsed.data}`, "email");
  return user;
}
