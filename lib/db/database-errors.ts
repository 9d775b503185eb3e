// Whether an error says the database is out of reach (down, restarting, refusing connections, out of connections) as
// opposed to refusing what was asked of it. The data plane answers the first with a 503 and Retry-After — a client
// should come back in a moment — and never with a 500. Reads pg's and Prisma's errors by shape, with no import of
// either, so that lib/gateway/errors.ts can use it.

/** Prisma's codes for a database it cannot reach or that stopped answering. */
const PRISMA_UNREACHABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** SQLSTATE classes: a connection problem, an operator intervention (a shutdown), insufficient resources, and a
 * transaction rolled back for a serialization conflict or deadlock (the same work succeeds when tried again). */
const SQLSTATE_UNREACHABLE = /^(08|57|53|40)/;
const UNREACHABLE_MESSAGE = new RegExp(
  [
    "ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH",
    "connection terminated|terminating connection|Connection refused|Can't reach database server",
    "the database system is (starting up|shutting down|in recovery mode)",
    "Client has encountered a connection error|timeout exceeded when trying to connect",
  ].join("|"),
  "i",
);

export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    const { code, message, cause, errorCode, name } = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      errorCode?: unknown;
      name?: unknown;
    };
    if (name === "PrismaClientInitializationError") return true;
    if (typeof errorCode === "string" && PRISMA_UNREACHABLE.has(errorCode)) return true;
    if (typeof code === "string") {
      // Node's socket errors (ECONNREFUSED, EPIPE, …); no SQLSTATE class starts with E.
      if (/^E[A-Z]{3,}$/.test(code) || PRISMA_UNREACHABLE.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code)) return SQLSTATE_UNREACHABLE.test(code);
    }
    if (typeof message === "string" && UNREACHABLE_MESSAGE.test(message)) return true;
    current = cause;
  }
  return false;
}
