// Makes the Python the docs' sample test runs the Python samples with: a virtual environment in .data/docs-venv with
// the official `openai` and `anthropic` packages (tests/docs-samples.test.ts; the Anthropic Messages page uses the
// latter). Idempotent: a venv that already imports both is kept.
// Needs python3 with its venv module (Debian: python3-venv) and a reachable PyPI (or mirror).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { docsVenvPython, DOCS_VENV } from "./docs-venv-path";

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write(`docs-venv: ${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(1);
  }
}

function hasOpenAI(): boolean {
  return spawnSync(docsVenvPython(), ["-c", "import openai, anthropic"], { stdio: "ignore" }).status === 0;
}

if (existsSync(docsVenvPython()) && hasOpenAI()) {
  process.stdout.write(`docs-venv: ${DOCS_VENV} is ready\n`);
} else {
  run("python3", ["-m", "venv", DOCS_VENV]);
  run(docsVenvPython(), [
    "-m",
    "pip",
    "install",
    "--quiet",
    "--disable-pip-version-check",
    "--retries",
    "0",
    "openai",
    "anthropic",
  ]);
  process.stdout.write(`docs-venv: made ${DOCS_VENV} with the openai and anthropic packages\n`);
}
