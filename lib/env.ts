// The only reader of process.env: configuration is validated once, here, and typed everywhere else.
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const integer = (fallback: number, min = 0) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === "") return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min) {
        context.addIssue({ code: "custom", message: `must be an integer ≥ ${min}` });
        return z.NEVER;
      }
      return parsed;
    });

const decimal = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === "") return fallback;
      const parsed = Number(value);
      if (!Number.isFinite(parsed) || parsed < 0) {
        context.addIssue({ code: "custom", message: "must be a non-negative number" });
        return z.NEVER;
      }
      return parsed;
    });

/** An on/off switch: 1, true or yes (any case) is on; anything else, or unset, is off. */
export function isOn(value: string | undefined): boolean {
  return /^(1|true|yes)$/i.test(value?.trim() ?? "");
}

const flag = z.string().optional().transform(isOn);

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: integer(3000, 1),
  DATABASE_URL: optionalString,
  SWITCHYARD_DATA_DIR: z.string().default(".data"),
  AUTH_SECRET: optionalString,
  /** The site's public origin. Sign-in links are built from it; without it, only from a loopback Host. */
  AUTH_URL: optionalString.refine(
    (value) => value === undefined || isHttpUrl(value),
    "must be an http(s) URL such as https://gateway.example.com",
  ),
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
  EMAIL_SERVER: optionalString,
  EMAIL_FROM: optionalString,
  ADMIN_EMAILS: optionalString,
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  /** Where the Stripe client sends API calls (a local stand-in in tests); Stripe's own API when unset. */
  STRIPE_API_URL: optionalString,
  /** Bounds of one card top-up, USD. */
  TOPUP_MIN_USD: decimal(5),
  TOPUP_MAX_USD: decimal(1000),
  UPSTASH_REDIS_REST_URL: optionalString,
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  /** Redis out of reach: "open" serves with this instance's in-process limits (logged once a minute); "closed" refuses. */
  RATE_LIMIT_FAILURE: z.enum(["open", "closed"]).default("open"),
  /** A rate-limit call to Redis slower than this counts as Redis out of reach. */
  RATE_LIMIT_TIMEOUT_MS: integer(1_000, 1),
  /** How long a concurrency slot outlives an instance that died holding it (a live request keeps it to its end). */
  CONCURRENCY_LEASE_MS: integer(600_000, 1_000),
  /** Failed authentications a minute from one client address before it is refused with 429 on every keyed route. */
  AUTH_FAILURES_PER_MINUTE: integer(30, 1),
  ENCRYPTION_KEY: optionalString,
  /**
   * "1" lets customers' own provider base URLs (bring your own provider) reach loopback, private and link-local
   * addresses: for tests and self-hosted setups whose customers are trusted. Refused by default (no SSRF).
   */
  BYO_ALLOW_PRIVATE_NETWORKS: z
    .string()
    .optional()
    .transform((value) => ["1", "true", "yes"].includes(value?.trim().toLowerCase() ?? "")),
  SIGNUP_CREDIT_USD: decimal(1),
  /** Largest request body accepted on /v1, in bytes. */
  MAX_REQUEST_BYTES: integer(10 * 1024 * 1024, 1024),
  /** Largest audio file accepted by POST /v1/audio/transcriptions, in bytes (OpenAI's own limit: 25 MB). */
  MAX_AUDIO_UPLOAD_BYTES: integer(25 * 1024 * 1024, 1024),
  /** Upstream attempts per request, across keys and deployments. */
  MAX_ATTEMPTS: integer(3, 1),
  /** Non-stream upstream limit: the whole answer. */
  UPSTREAM_TIMEOUT_MS: integer(120_000, 1),
  /** A stream's upstream must answer (status and headers) within this, or the request fails over to another key. */
  UPSTREAM_FIRST_BYTE_TIMEOUT_MS: integer(10_000, 1),
  /** A stream's upstream may go this long without sending anything (before its first event, and between events). */
  UPSTREAM_STREAM_TIMEOUT_MS: integer(300_000, 1),
  /** A request body that delivers less than 1 KiB in this long is refused with 408 (slow or stalled uploads). */
  REQUEST_BODY_TIMEOUT_MS: integer(30_000, 1),
  /** Requests in flight on one instance before it answers 503 overloaded. */
  MAX_IN_FLIGHT: integer(2048, 1),
  /** Event-loop delay (ms) past which npm start's server refuses new /v1 requests with 503; 0 turns it off. */
  SHED_EVENT_LOOP_DELAY_MS: integer(50, 0),
  /** A provider key taken out of service is re-tested after this long, then twice as long each time, up to 30 min. */
  KEY_RETEST_MS: integer(60_000, 100),
  /** Requests per minute for a key with no limit of its own. */
  DEFAULT_KEY_RPM: integer(6000, 1),
  /** The landing page's free demo: requests a minute from one client address; 0 turns the demo off. */
  DEMO_REQUESTS_PER_MINUTE: integer(5, 0),
  /** The free demo's requests a day (UTC) from everyone together; 0 turns the demo off. */
  DEMO_DAILY_REQUESTS: integer(1000, 0),
  /**
   * The models the free demo offers, comma-separated, the first being its default: each must be a free model (status
   * `free`, priced at $0). Unset: every free chat model that can be served, zhipu/glm-4-flash first.
   */
  DEMO_MODELS: optionalString,
  /** Keep x-forwarded-for from a reverse proxy in front of `npm start` (scripts/server.ts reads it). */
  TRUST_PROXY: flag,
  /**
   * npm start's server answers /v1 straight from the route table (lib/gateway/direct-v1.ts); on, /v1 goes through
   * Next's route files as on Vercel (the same handlers; the test suite runs both ways).
   */
  SWITCHYARD_V1_VIA_NEXT: flag,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof schema>;

/** Provider bootstrap variables: <PREFIX>_API_KEY (comma-separated) and <PREFIX>_BASE_URL. */
export interface ProviderEnv {
  apiKeys: string[];
  baseUrl: string | undefined;
  /** <PREFIX>_FIRST_BYTE_TIMEOUT_MS: this provider's own UPSTREAM_FIRST_BYTE_TIMEOUT_MS (a slow first byte is normal for some). */
  firstByteTimeoutMs: number | undefined;
}

export function providerEnv(prefix: string): ProviderEnv {
  const keys = process.env[`${prefix}_API_KEY`] ?? "";
  const baseUrl = process.env[`${prefix}_BASE_URL`]?.trim();
  const firstByte = Number(process.env[`${prefix}_FIRST_BYTE_TIMEOUT_MS`]?.trim() || Number.NaN);
  return {
    apiKeys: keys
      .split(",")
      .map((key) => key.trim())
      .filter(Boolean),
    baseUrl: baseUrl ? baseUrl.replace(/\/+$/, "") : undefined,
    firstByteTimeoutMs: Number.isInteger(firstByte) && firstByte > 0 ? firstByte : undefined,
  };
}

/** Reads and validates process.env as it is now, without keeping the result (start-up checks). */
export function parseEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Tests and the start script set variables before the first read; this forgets what was read. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** For tests: sets (or, for undefined, removes) variables, then forgets what was read. */
export function setEnvForTests(settings: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
}
