// For tests of the operator console's services: lib/ on the test database, in this process (the console's server
// actions call the same functions).
import { inject } from "vitest";
import { setEnvForTests } from "../../lib/env";

/** Points lib/ (Prisma, settings) at the test database; call before the first lib/ call that reads the database. */
export function useTestDatabase(): void {
  setEnvForTests({ DATABASE_URL: inject("databaseUrl") });
}
