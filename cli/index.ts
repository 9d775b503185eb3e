// The operator command line: npm run -s cli -- <command> …   (CONTRACT.md §3)
// Thin: parses arguments, calls lib/, prints. Exits non-zero with a one-line reason on error.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
if (existsSync(join(root, ".env"))) process.loadEnvFile(join(root, ".env"));

const HELP = `usage: npm run -s cli -- <command>
  key create --email E [--name N] [--credits USD] [--rpm N] [--rpd N] [--tpm N] [--concurrency N]
             [--budget USD [--budget-period day|week|month]] [--models a,b] [--expires ISO]
  key list --email E
  key revoke <key-id>
  credits add --email E --usd N [--reason R]   (a negative N removes credit)
  plan list
  plan set --email E --plan NAME
  providers list
  models list
  usage --email E [--since ISO] [--csv]
  admin token create --email E [--name N]   (E must be an admin; prints the sy-admin-… token alone on the last line)
  admin token revoke <token-id>`;

function localSecrets(): void {
  // The same generated secrets `npm start` uses, so the CLI can encrypt and decrypt what the app does.
  const path = join(resolve(root, process.env.SWITCHYARD_DATA_DIR ?? ".data"), "secrets.json");
  if (!existsSync(path)) return;
  const stored = JSON.parse(readFileSync(path, "utf8")) as Record<string, string>;
  for (const [name, value] of Object.entries(stored)) process.env[name] ??= value;
}

async function main(argv: string[]): Promise<number> {
  const [command, subcommand] = argv;
  if (!command || command === "help" || command === "--help") {
    console.log(HELP);
    return 0;
  }
  localSecrets();
  const { openDatabase } = await import("../lib/db/bootstrap");
  const dataDir = resolve(root, process.env.SWITCHYARD_DATA_DIR ?? ".data");
  const database = await openDatabase(dataDir, process.env.DATABASE_URL?.trim() || undefined);
  process.env.DATABASE_URL = database.url;
  const { runCommand } = await import("./commands");
  const { disconnectDatabase } = await import("../lib/db/client");
  try {
    // "usage" takes its options right after it; the others are "<noun> <verb> …".
    const output = await runCommand(command, subcommand, argv.slice(command === "usage" ? 1 : 2));
    if (output) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
    return 0;
  } finally {
    await disconnectDatabase();
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message.split("\n")[0]}\n`);
    process.exit(1);
  },
);
