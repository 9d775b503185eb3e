// node scripts/launch.mjs <start|server> [arguments]: npm start's processes as plain JavaScript.
//
// The two processes that stay up — scripts/start.ts (which supervises) and the server it runs — are compiled here with
// esbuild into .run/start.mjs and .run/server.mjs (bundled with the lib/ modules they import; packages stay in
// node_modules), then the one asked for is run. Under tsx each of them would keep a loader thread with a V8 heap of its
// own and an esbuild process for the rest of its life: measured, 43 MB of resident memory per process, for code that
// is compiled once. The short-lived scripts (migrations, seeding, tests, the CLI) keep using tsx.
//
// .run/ sits one level below the repository, as scripts/ and lib/ do, so code that finds the repository from its own
// folder (`resolve(import.meta.dirname, "..")`) finds it from the bundle too. Several launches at once (the test
// shards) each build into a folder of their own and rename the files into .run/: a reader sees one complete file or
// another.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ENTRIES = { start: "scripts/start.ts", server: "scripts/server.ts" };

const root = resolve(import.meta.dirname, "..");
const outdir = join(root, ".run");
const which = process.argv[2];
if (!(which in ENTRIES)) {
  process.stderr.write(`usage: node scripts/launch.mjs <${Object.keys(ENTRIES).join("|")}> [arguments]\n`);
  process.exit(2);
}

// esbuild's own command (the package's binary), not its JavaScript API: the API would stay loaded in this process,
// which supervises for the life of the app, with its child's buffers (measured: 55 MB resident after a build through
// the API, 45 MB through the command, 40 MB for Node alone).
const staging = join(outdir, `.build-${process.pid}`);
const built = spawnSync(
  join(root, "node_modules", "esbuild", "bin", "esbuild"),
  [
    ...Object.entries(ENTRIES).map(([name, entry]) => `${name}=${entry}`),
    "--bundle",
    "--packages=external",
    "--platform=node",
    "--format=esm",
    "--target=node20",
    `--outdir=${staging}`,
    "--out-extension:.js=.mjs",
    "--log-level=error",
  ],
  { cwd: root, stdio: ["ignore", "inherit", "inherit"] },
);
if (built.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  process.stderr.write(`scripts/launch.mjs: compiling ${Object.values(ENTRIES).join(" and ")} failed (see above)\n`);
  process.exit(1);
}
mkdirSync(outdir, { recursive: true });
for (const file of readdirSync(staging)) renameSync(join(staging, file), join(outdir, file));
rmSync(staging, { recursive: true, force: true });

// The script sees its own arguments where it would under `node --import tsx scripts/<entry>.ts`.
process.argv.splice(2, 1);
await import(pathToFileURL(join(outdir, `${which}.mjs`)).href);
