// For tests of the operator console's services: lib/ on the test database, in this process (the console's server actions
// call the same functions), and signed-in sessions as next-auth keeps them (a sessions row and its cookie).
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { setEnvForTests } from "../../lib/env";
import { database } from "./keys";

/** Points lib/ (Prisma, settings) at the test database; call before the first lib/ call that reads the database. */
export function useTestDatabase(): void {
  setEnvForTests({ DATABASE_URL: inject("databaseUrl") });
}

/** A session cookie for `userId`, as a browser would send it after signing in. */
export async function sessionCookie(userId: string): Promise<string> {
  const token = randomBytes(24).toString("hex");
  await database().query(
    "INSERT INTO sessions (id, session_token, user_id, expires) VALUES ($1, $2, $3, now() + interval '1 hour')",
    [`test_session_${token.slice(0, 12)}`, token, userId],
  );
  return `authjs.session-token=${token}`;
}
