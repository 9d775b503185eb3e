// Claude Code on every model. First its request as recorded from @anthropic-ai/claude-code 2.1.332 in -p mode (a
// `role: "system"` message after the user's turn, max_tokens 32000, adaptive thinking, context_management,
// output_config.effort, a dozen tools) sent to an OpenAI, a Gemini and an Anthropic model; then the real CLI, with
// its tools on, pointed at the gateway: it writes a file through its Write tool on an OpenAI and on a Gemini
// stand-in model, and finishes with the model's answer. Offline: the CLI's native binary comes inside its npm
// package, and everything it talks to is on this machine.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appBaseUrl, chargedRow, parseJson, send, sseEvents } from "./support/app-client";
import { balanceMicros, closeDatabase, createKey, requestLogs, type MintedKey } from "./support/keys";
import {
  connectAnthropicStandIn,
  connectGeminiStandIn,
  connectStandIn,
  type RecordedRequest,
} from "./support/stand-in-client";

const openai = connectStandIn();
const anthropic = connectAnthropicStandIn();
const gemini = connectGeminiStandIn();
let account: MintedKey;
/** The balance the account started with: chargedRow checks it against every logged cost. */
let initialMicros: bigint;

beforeAll(async () => {
  account = await createKey({ credits: 5, rpm: 100_000 });
  initialMicros = await balanceMicros(account.userId);
});

beforeEach(async () => {
  await Promise.all([openai.reset(), anthropic.reset(), gemini.reset()]);
});

afterAll(async () => {
  await Promise.all([openai.reset(), anthropic.reset(), gemini.reset()]);
  await closeDatabase();
});

const bodyOf = (request: RecordedRequest) => request.body as Record<string, unknown>;

/** The shape of Claude Code 2.1.332's first request with its tools on (texts shortened, two of its tools). */
function claudeCodeRequest(model: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model,
    max_tokens: 32000,
    stream: true,
    system: [
      { type: "text", text: "x-anthropic-billing-header: cc_version=2.1.332.0b8; cc_entrypoint=sdk-cli;" },
      { type: "text", text: "You are a Claude agent.", cache_control: { type: "ephemeral" } },
    ],
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: "<system-reminder>Attribution for git commits…</system-reminder>" },
          { type: "text", text: "say hi" },
        ],
      },
      { role: "system", content: [{ type: "text", text: "# Environment\nPrimary working directory: /tmp/work" }] },
    ],
    tools: [
      {
        name: "Bash",
        description: "Run a command",
        input_schema: { type: "object", properties: { command: { type: "string" } }, required: ["command"] },
      },
      {
        name: "DeferredToolPlaceholder",
        description: "placeholder",
        defer_loading: true,
        input_schema: { type: "object", properties: {} },
      },
    ],
    metadata: { user_id: '{"device_id":"d","account_uuid":"","session_id":"s"}' },
    thinking: { type: "adaptive", display: "omitted" },
    context_management: { edits: [{ type: "clear_thinking_20251015", keep: "all" }] },
    output_config: { effort: "high" },
    ...extra,
  };
}

function postMessages(body: Record<string, unknown>) {
  return send("/v1/messages?beta=true", {
    headers: {
      "x-api-key": account.key,
      "anthropic-version": "2023-06-01",
      "anthropic-beta": "claude-code-20250219,context-management-2025-06-27,effort-2025-11-24",
    },
    body,
  });
}

describe("Claude Code's request on every model", () => {
  it("on an OpenAI model: the system message stays at its place, max_tokens is clamped, Anthropic-only fields named", async () => {
    const response = await postMessages(claudeCodeRequest("openai/gpt-4o-mini"));
    expect(response.status, response.text).toBe(200);
    expect(sseEvents(response.text).at(-1)?.event).toBe("message_stop");
    // The catalog caps gpt-4o-mini at 16,384 output tokens.
    expect(response.headers.get("x-switchyard-max-tokens-clamped")).toBe("16384");
    expect(response.headers.get("x-switchyard-dropped-params")).toBe("context_management");
    const [received] = await openai.chatRequests();
    const sent = bodyOf(received);
    expect(sent.max_tokens).toBe(16384);
    expect(sent).not.toHaveProperty("reasoning_effort");
    expect(sent).not.toHaveProperty("context_management");
    const roles = (sent.messages as Array<{ role: string; content: unknown }>).map((message) => message.role);
    expect(roles).toEqual(["system", "user", "system"]);
    expect((sent.messages as Array<{ content: unknown }>)[2].content).toContain("# Environment");
    expect((sent.tools as unknown[]).length).toBe(2);
    const row = await chargedRow(account.userId, initialMicros, response.headers.get("x-request-id"));
    expect(row.costMicros).toBeGreaterThan(0n);
  });

  it("on a Gemini model: every system text reaches systemInstruction", async () => {
    const response = await postMessages(claudeCodeRequest("google/gemini-2.5-flash", { stream: false }));
    expect(response.status, response.text).toBe(200);
    expect(parseJson(response)).toMatchObject({ type: "message", role: "assistant" });
    const [received] = await gemini.generateRequests();
    const instruction = JSON.stringify(bodyOf(received).systemInstruction);
    expect(instruction).toContain("You are a Claude agent.");
    expect(instruction).toContain("# Environment");
    const roles = (bodyOf(received).contents as Array<{ role: string }>).map((content) => content.role);
    expect(roles).toEqual(["user"]);
  });

  it("on an Anthropic model: the system message is folded into the system prompt after what it held", async () => {
    const response = await postMessages(claudeCodeRequest("anthropic/claude-sonnet-4", { max_tokens: 100_000 }));
    expect(response.status, response.text).toBe(200);
    const [received] = await anthropic.requests();
    const sent = bodyOf(received);
    expect((sent.messages as Array<{ role: string }>).map((message) => message.role)).toEqual(["user"]);
    const system = sent.system as Array<{ text: string; cache_control?: unknown }>;
    expect(system.map((block) => block.text.slice(0, 20))).toEqual([
      "x-anthropic-billing-",
      "You are a Claude age",
      "# Environment\nPrimar",
    ]);
    expect(system[1].cache_control).toEqual({ type: "ephemeral" });
    // As sent otherwise: the fields Anthropic understands go on, and max_tokens is held to the catalog's cap.
    expect(sent.context_management).toEqual({ edits: [{ type: "clear_thinking_20251015", keep: "all" }] });
    expect(response.headers.get("x-switchyard-max-tokens-clamped")).toBe("64000");
    expect(sent.max_tokens).toBe(64_000);
  });

  it("translates output_config.format into response_format for other models", async () => {
    const schema = {
      type: "object",
      properties: { city: { type: "string" } },
      required: ["city"],
      additionalProperties: false,
    };
    const response = await postMessages({
      model: "openai/gpt-4o-mini",
      max_tokens: 256,
      messages: [{ role: "user", content: "Where is the Eiffel tower?" }],
      output_config: { format: { type: "json_schema", schema } },
    });
    expect(response.status, response.text).toBe(200);
    const [received] = await openai.chatRequests();
    expect(bodyOf(received).response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "output", schema, strict: true },
    });
    const message = parseJson(response) as { content: Array<{ type: string; text: string }> };
    expect(JSON.parse(message.content[0].text)).toHaveProperty("city");
  });

  it("refuses a system message holding an image on other models, naming the block", async () => {
    const response = await postMessages({
      model: "openai/gpt-4o-mini",
      max_tokens: 16,
      messages: [
        { role: "user", content: "hi" },
        { role: "system", content: [{ type: "image", source: { type: "url", url: "https://example.test/a.png" } }] },
      ],
    });
    expect(response.status, response.text).toBe(400);
    expect(parseJson(response)).toMatchObject({ error: { type: "invalid_request_error" } });
    expect(response.text).toContain("messages[1].content[0]");
  });
});

// ---- the real CLI ----

const require = createRequire(import.meta.url);

/** The CLI's native binary, from its platform package (its own postinstall, which would copy it, is not run). */
function claudeBinary(): string | undefined {
  const platform = `${process.platform}-${process.arch}`;
  try {
    const manifest = require.resolve(`@anthropic-ai/claude-code-${platform}/package.json`);
    const binary = path.join(path.dirname(manifest), process.platform === "win32" ? "claude.exe" : "claude");
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runClaude(model: string, prompt: string, cwd: string): Promise<CliRun> {
  const binary = claudeBinary();
  if (!binary) throw new Error("the Claude Code binary is not installed (npm ci installs @anthropic-ai/claude-code)");
  const home = mkdtempSync(path.join(tmpdir(), "claude-home-"));
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["-p", prompt, "--permission-mode", "acceptEdits", "--allowedTools", "Write"], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...({} as NodeJS.ProcessEnv),
        PATH: process.env.PATH,
        HOME: home,
        CLAUDE_CONFIG_DIR: path.join(home, ".claude"),
        // The docs' configuration (CONFIG_SNIPPETS.claudeCodeShell), with the model under test as the small model
        // too, as the docs say for a setup without Claude models.
        ANTHROPIC_BASE_URL: appBaseUrl(),
        ANTHROPIC_AUTH_TOKEN: account.key,
        ANTHROPIC_MODEL: model,
        ANTHROPIC_DEFAULT_HAIKU_MODEL: model,
        // Offline: no telemetry, update checks or other traffic of Claude Code's own.
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
        DISABLE_AUTOUPDATER: "1",
        DISABLE_TELEMETRY: "1",
        DISABLE_ERROR_REPORTING: "1",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("the Claude Code CLI (-p, tools on) through the gateway", () => {
  it("writes a file with its Write tool on an OpenAI model, then answers", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "claude-work-"));
    const target = path.join(work, "hello.txt");
    await openai.enqueue(
      { toolCall: { name: "Write", arguments: JSON.stringify({ file_path: target, content: "written via gpt" }) } },
      { content: "DONE-OPENAI" },
    );
    const before = await balanceMicros(account.userId);
    const result = await runClaude("openai/gpt-4o-mini", "Write hello.txt", work);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain("DONE-OPENAI");
    expect(readFileSync(target, "utf8")).toBe("written via gpt");

    const received = await openai.chatRequests();
    expect(received.length).toBe(2);
    const first = bodyOf(received[0]);
    expect((first.tools as unknown[]).length).toBeGreaterThan(5);
    expect(
      (first.messages as Array<{ role: string }>).some((message, index) => index > 0 && message.role === "system"),
    ).toBe(true);
    const toolResult = (bodyOf(received[1]).messages as Array<{ role: string; content: unknown }>).find(
      (message) => message.role === "tool",
    );
    expect(JSON.stringify(toolResult?.content)).toContain("hello.txt");
    // Both model calls were charged; Claude Code's other calls cost nothing.
    const rows = (await requestLogs(account.userId)).filter((row) => row.model === "openai/gpt-4o-mini");
    expect(rows.filter((row) => row.status === 200).length).toBeGreaterThanOrEqual(2);
    expect(await balanceMicros(account.userId)).toBeLessThan(before);
  }, 120_000);

  it("writes a file with its Write tool on a Gemini model, then answers", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "claude-work-"));
    const target = path.join(work, "hello.txt");
    await gemini.enqueue(
      { functionCall: { name: "Write", args: { file_path: target, content: "written via gemini" } } },
      { content: "DONE-GEMINI" },
    );
    const result = await runClaude("google/gemini-2.5-flash", "Write hello.txt", work);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain("DONE-GEMINI");
    expect(readFileSync(target, "utf8")).toBe("written via gemini");
    const received = await gemini.generateRequests();
    expect(received.length).toBe(2);
    expect(JSON.stringify(bodyOf(received[1]).contents)).toContain("functionResponse");
  }, 120_000);
});
