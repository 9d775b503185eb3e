// What must stop the app before it serves anything, in one line for the operator (no stack trace): checked by
// `npm start` (scripts/start.ts), the deploy step (scripts/migrate.ts) and Next's own start (instrumentation.ts).
import { signInConfigProblem } from "./auth/sign-in-origin";
import { parseEnv, type Env } from "./env";

/** The reason this configuration must not start, or undefined. */
export function startUpProblem(): string | undefined {
  let config: Env;
  try {
    config = parseEnv();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return signInConfigProblem(config);
}

/** Stops the process, with the reason on one line, when this configuration must not start. */
export function refuseToStartOnProblem(): void {
  const problem = startUpProblem();
  if (!problem) return;
  process.stderr.write(`[switchyard] refusing to start: ${problem}\n`);
  process.exit(1);
}
