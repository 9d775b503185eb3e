// Every code sample on the site (lib/docs/site-samples.ts: the docs, the landing page, the model pages), run as a
// reader would run it against the app, whose providers are the local stand-ins: curl with bash, Node with node (the
// `openai` npm package from this repository), Python with the official `openai` package in .data/docs-venv (made by
// `npm run docs:venv`; the Python samples share one interpreter). Each must exit 0 and print what it promises; a
// sample that no longer works fails the build, so the docs cannot drift from the API.
import { localSecrets } from "./support/spawn-server";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SampleLanguage } from "../lib/docs/code-sample";
import type { SampleContext, SampleExpectation, SiteSample } from "../lib/docs/sample";
import { DEFAULT_DOCS_MODEL, SITE_SAMPLES } from "../lib/docs/site-samples";
import { docsVenvPython } from "../scripts/docs-venv-path";
import { createByoProvider, setByoModels } from "../lib/byo/byo-providers";
import { disconnectDatabase } from "../lib/db/client";
import { setEnvForTests } from "../lib/env";
import { OWN_PROVIDER_NAME, OWN_UPSTREAM_MODEL } from "../lib/docs/samples/own-providers";
import { appBaseUrl, sleep } from "./support/app-client";
import { closeDatabase, createKey } from "./support/keys";
import { connectStandIn } from "./support/stand-in-client";

const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));
// Inside the repository, so that the Node samples' `import OpenAI from "openai"` finds node_modules (ESM ignores
// NODE_PATH).
const workDirectory = join(repositoryRoot, ".data", "docs-samples-tmp", randomBytes(4).toString("hex"));
const python = docsVenvPython();
const pythonReady = existsSync(python);

if (!pythonReady) {
  const warning = `the Python samples need ${python}: run \`npm run docs:venv\` (python3 with venv, and pip)`;
  if (process.env.CI) throw new Error(`docs samples: ${warning}`);
  process.stderr.write(
    `\n${"!".repeat(100)}\n!!! docs samples: SKIPPING every Python sample: ${warning}\n${"!".repeat(100)}\n\n`,
  );
}

interface Run {
  ok: boolean;
  stdout: string;
  stderr: string;
}

let apiKey = "";

function context(): SampleContext {
  return { origin: appBaseUrl(), model: DEFAULT_DOCS_MODEL };
}

function environment(): NodeJS.ProcessEnv {
  // The reader's shell has their key and nothing of ours that the SDKs would read instead.
  return { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, SWITCHYARD_API_KEY: apiKey };
}

function runProcess(command: string, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      args,
      { cwd: workDirectory, env: environment(), timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ ok: error === null, stdout, stderr: error && !stderr ? String(error) : stderr }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

function runCurl(code: string): Promise<Run> {
  return runProcess("bash", ["-c", code]);
}

async function runNode(id: string, code: string): Promise<Run> {
  const file = join(workDirectory, `${id.replaceAll("/", "--")}.mjs`);
  await writeFile(file, code);
  return runProcess(process.execPath, [file]);
}

let pythonRuns: Promise<Map<string, Run>> | undefined;

/** Every Python sample, run once in one interpreter (tests/support/run-python-samples.py). */
function pythonRun(id: string): Promise<Run | undefined> {
  pythonRuns ??= (async () => {
    const batch = SITE_SAMPLES.map((sample) => ({ id: sample.id, code: sample.code(context()).python }));
    const runner = join(repositoryRoot, "tests", "support", "run-python-samples.py");
    const run = await runProcess(python, [runner], JSON.stringify(batch));
    const lastLine = run.stdout.trimEnd().split("\n").at(-1) ?? "";
    let results: Array<Run & { id: string }>;
    try {
      results = JSON.parse(lastLine);
    } catch {
      throw new Error(`the Python runner failed: ${run.stderr || run.stdout}`);
    }
    return new Map(results.map((result) => [result.id, result]));
  })();
  return pythonRuns.then((runs) => runs.get(id));
}

function patternsFor(expectation: SampleExpectation, language: SampleLanguage): RegExp[] {
  return [expectation.all, expectation[language]].flat().filter((pattern): pattern is RegExp => pattern !== undefined);
}

function check(sample: SiteSample, language: SampleLanguage, run: Run | undefined): void {
  if (!run) throw new Error(`${sample.id} (${language}) was not run`);
  const shown = `--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
  if (!run.ok) throw new Error(`${sample.id} (${language}) failed:\n${shown}`);
  const patterns = patternsFor(sample.expect, language);
  expect(patterns.length, `${sample.id} (${language}) promises nothing to check`).toBeGreaterThan(0);
  for (const pattern of patterns) {
    if (!pattern.test(run.stdout))
      throw new Error(`${sample.id} (${language}) printed no match for ${pattern}:\n${shown}`);
  }
}

beforeAll(async () => {
  await mkdir(workDirectory, { recursive: true });
  const account = await createKey({ credits: 50, name: "docs samples" });
  apiKey = account.key;
  // /docs/own-providers calls a model of the reader's own endpoint: this account gets one, played by the stand-in.
  const secrets = localSecrets();
  setEnvForTests({
    DATABASE_URL: inject("databaseUrl"),
    ENCRYPTION_KEY: secrets.ENCRYPTION_KEY,
    BYO_ALLOW_PRIVATE_NETWORKS: "1",
  });
  const own = await createByoProvider(account.userId, {
    name: OWN_PROVIDER_NAME,
    baseUrl: `${connectStandIn().url}/v1`,
    secret: "sk-docs-own-provider",
  });
  await setByoModels(account.userId, own.id, { typedModels: OWN_UPSTREAM_MODEL });
  await disconnectDatabase();
  // The app reads the change within a second.
  await sleep(1_500);
}, 60_000);

afterAll(async () => {
  await rm(workDirectory, { recursive: true, force: true });
  await closeDatabase();
});

describe("the site's samples", () => {
  it("are listed once each, under unique ids", () => {
    const ids = SITE_SAMPLES.map((sample) => sample.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(0);
  });

  it("point at the site's origin and read the key from the environment", () => {
    for (const sample of SITE_SAMPLES) {
      const code = sample.code({ origin: "https://docs-origin.example", model: DEFAULT_DOCS_MODEL });
      expect(code.curl, sample.id).toContain("https://docs-origin.example/v1");
      expect(code.curl, sample.id).toContain("$SWITCHYARD_API_KEY");
      expect(code.python, sample.id).toContain('os.environ["SWITCHYARD_API_KEY"]');
      expect(code.node, sample.id).toContain("process.env.SWITCHYARD_API_KEY");
    }
  });

  it("that follow the model picker show the model picked, in every language", () => {
    for (const sample of SITE_SAMPLES.filter((candidate) => candidate.followsModelPicker)) {
      const code = sample.code({ origin: "https://docs-origin.example", model: "zhipu/glm-4-flash" });
      for (const language of ["curl", "python", "node"] as const) {
        expect(code[language], `${sample.id} (${language})`).toContain("zhipu/glm-4-flash");
        expect(code[language], `${sample.id} (${language})`).not.toContain(DEFAULT_DOCS_MODEL);
      }
    }
  });
});

describe.each(SITE_SAMPLES.map((sample) => [sample.id, sample] as const))("sample %s", (_id, sample) => {
  it("runs in curl", async () => {
    check(sample, "curl", await runCurl(sample.code(context()).curl));
  });

  it("runs in Node with the openai package", async () => {
    check(sample, "node", await runNode(sample.id, sample.code(context()).node));
  });

  it.skipIf(!pythonReady)(
    "runs in Python with the openai package",
    async () => {
      check(sample, "python", await pythonRun(sample.id));
    },
    180_000,
  );
});
