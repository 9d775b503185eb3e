// Mail with no AUTH_URL would send links whose host came from whoever asked for them: every way the app starts
// refuses that configuration, in one line that says what to set, and without a stack trace.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, runScript, serverEnvironment, startServer, type ScriptRun } from "./support/spawn-server";

const dataDir = mkdtempSync(join(tmpdir(), "switchyard-refusal-"));

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const REFUSAL = /\[switchyard\] refusing to start: EMAIL_SERVER is set but AUTH_URL is not/;
const mailWithoutAuthUrl = { EMAIL_SERVER: "smtp://user:password@smtp.example.com:587", SWITCHYARD_DATA_DIR: dataDir };

function expectOneLineRefusal(run: ScriptRun, reason: RegExp): void {
  const output = `${run.stdout}${run.stderr}`;
  expect(run.exitCode, output).toBe(1);
  const lines = output.trim().split("\n");
  expect(lines, output).toHaveLength(1);
  expect(lines[0]).toMatch(reason);
  expect(output).not.toMatch(/\n\s+at /);
}

describe("start-up with mail but no AUTH_URL", () => {
  it("npm start (scripts/launch.mjs start) refuses before starting anything", async () => {
    const port = String(await freePort());
    const run = await runScript(
      ["scripts/launch.mjs", "start"],
      serverEnvironment({ ...mailWithoutAuthUrl, PORT: port }),
    );
    expectOneLineRefusal(run, new RegExp(`^${REFUSAL.source}: .*Set AUTH_URL`));
  });

  it("the deploy step (scripts/migrate.ts) refuses before touching the database", async () => {
    const run = await runScript("scripts/migrate.ts", serverEnvironment(mailWithoutAuthUrl));
    expectOneLineRefusal(run, /^migrate failed: EMAIL_SERVER is set but AUTH_URL is not/);
  });

  it("Next's own start (instrumentation register(), under scripts/server.ts as npm start runs it) refuses", async () => {
    const port = String(await freePort());
    const run = await runScript(
      ["scripts/launch.mjs", "server"],
      serverEnvironment({ ...mailWithoutAuthUrl, PORT: port }),
    );
    // Next may print its own banner first; the refusal is the last line and the only one that is ours.
    const output = `${run.stdout}${run.stderr}`;
    expect(run.exitCode, output).toBe(1);
    expect(output.trim().split("\n").at(-1)).toMatch(new RegExp(`^${REFUSAL.source}`));
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).not.toContain("ready on");
  });

  it("an AUTH_URL that is not an http(s) URL is refused too", async () => {
    const notAUrl = { ...mailWithoutAuthUrl, AUTH_URL: "gateway.example.com" };
    const run = await runScript("scripts/migrate.ts", serverEnvironment(notAUrl));
    expectOneLineRefusal(run, /^migrate failed: Invalid configuration: AUTH_URL: must be an http\(s\) URL/);
  });

  it("with AUTH_URL set, the same server starts", async () => {
    const server = await startServer({ ...mailWithoutAuthUrl, AUTH_URL: "https://gateway.example.com" });
    await server.stop();
  });
});
