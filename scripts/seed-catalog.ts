// The catalog's seed for npm start, in a process of its own that exits once done: the Prisma client it loads (about
// 140 MB resident, measured) is then not kept for the server's whole life by start.ts, which stays to supervise it.
// Prints the seed's one line; a failure is one line on stderr and exit code 1.
import { seedCatalog } from "../lib/catalog/seed";

seedCatalog(
  "start with the ENCRYPTION_KEY they were stored with (.data/secrets.json of the instance that stored them, or your deployment's)",
).then(
  (description) => process.stdout.write(`${description}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
