// Applies migrations and seeds the catalog on DATABASE_URL: the deploy step on Vercel (and any host without
// `npm start`): node --import tsx scripts/migrate.ts && next build

// A module, not a script: its `main` stays its own.
export {};
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) throw new Error("DATABASE_URL is not set");
  if (!process.env.ENCRYPTION_KEY)
    throw new Error("ENCRYPTION_KEY is not set; it encrypts provider keys stored in the database");
  // A deploy that would serve poisoned sign-in links (or cannot start at all) fails here, before it goes live.
  const { startUpProblem } = await import("../lib/start-up-problem");
  const problem = startUpProblem();
  if (problem) throw new Error(problem);
  const { migrateDatabase } = await import("../lib/db/bootstrap");
  const result = await migrateDatabase(url);
  console.log(result.applied.length ? `applied migrations: ${result.applied.join(", ")}` : "migrations up to date");
  const { seedCatalog } = await import("../lib/catalog/seed");
  console.log(await seedCatalog("deploy with the ENCRYPTION_KEY they were stored with"));
}

main().catch((error: unknown) => {
  console.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
