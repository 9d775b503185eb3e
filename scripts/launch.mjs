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
// shards) each write whole files under temporary names and rename them: a reader sees one complete file or another.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build, stop } from "esbuild";

const ENTRIES = { start: "scripts/start.ts", server: "scripts/server.ts" };

const root = resolve(import.meta.dirname, "..");
const outdir = join(root, ".run");
const which = process.argv[2];
if (!(which in ENTRIES)) {
  process.stderr.write(`usage: node scripts/launch.mjs <${Object.keys(ENTRIES).join("|")}> [arguments]\n`);
  process.exit(2);
}

const built = await build({
  absWorkingDir: root,
  entryPoints: ENTRIES,
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  write: false,
  logLevel: "error",
});
// The build's esbuild process is not kept for the life of this one (the synchronous API would keep a worker thread).
await stop();
mkdirSync(outdir, { recursive: true });
for (const file of built.outputFiles) {
  const temporary = join(outdir, `.${basename(file.path)}.${process.pid}`);
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
}

// The script sees its own arguments where it would under `node --import tsx scripts/<entry>.ts`.
process.argv.splice(2, 1);
await import(pathToFileURL(join(outdir, `${which}.mjs`)).href);
