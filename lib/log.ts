// One logger: structured JSON lines, with anything key-shaped redacted before it is written.
import { env } from "./env";

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Client keys, OpenAI/Anthropic/other vendor keys, bearer tokens, and key= query parameters.
const SECRET_PATTERNS: RegExp[] = [
  /sy-live-[0-9A-Za-z]{8,}/g,
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /\b(?:AIza|xai-|gsk_)[A-Za-z0-9_-]{8,}/g,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /([?&](?:key|api_key|token)=)[^&\s"]+/gi,
];

export function redact(text: string): string {
  let result = text;
  for (const pattern of SECRET_PATTERNS) {
    result = result.replace(pattern, (match, lead?: string) =>
      typeof lead === "string" && match.startsWith(lead) ? `${lead}[redacted]` : "[redacted]",
    );
  }
  return result;
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  let threshold: Level = "info";
  try {
    threshold = env().LOG_LEVEL;
  } catch {
    // an invalid configuration is itself being reported; log at the default level
  }
  if (ORDER[level] < ORDER[threshold]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }, (_key, value: unknown) =>
    typeof value === "bigint"
      ? value.toString()
      : value instanceof Error
        ? { name: value.name, message: value.message, stack: value.stack }
        : value,
  );
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${redact(line)}\n`);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
