// The shared store: Upstash Redis over its REST API, so every instance counts in one place. Each operation is one
// Lua script, so one round trip (EVALSHA; EVAL once per instance when Redis has not seen the script yet) and atomic:
// no other instance's request can slip between the check and the count.
import { Redis } from "@upstash/redis";
import type { Counter, CountOutcome, Hold, LimitStore } from "./limits";

// ARGV: mode, now (ms), then four per key: "c" (count) max amount ttl | "s" (slots) max slotId lease.
// Returns {refused index (0: none), used per key...}.
const COUNT_SCRIPT = `
local mode = ARGV[1]
local now = tonumber(ARGV[2])
local used = {}
local refused = 0
for i = 1, #KEYS do
  local base = 2 + (i - 1) * 4
  local max = tonumber(ARGV[base + 2])
  if ARGV[base + 1] == "s" then
    redis.call("ZREMRANGEBYSCORE", KEYS[i], "-inf", now)
    used[i] = redis.call("ZCARD", KEYS[i])
    if refused == 0 and used[i] + 1 > max then refused = i end
  else
    used[i] = tonumber(redis.call("GET", KEYS[i]) or "0")
    if refused == 0 and used[i] + tonumber(ARGV[base + 3]) > max then refused = i end
  end
end
if mode == "peek" then refused = 0 end
if mode == "admit" and refused == 0 then
  for i = 1, #KEYS do
    local base = 2 + (i - 1) * 4
    if ARGV[base + 1] == "s" then
      local lease = tonumber(ARGV[base + 4])
      redis.call("ZADD", KEYS[i], now + lease, ARGV[base + 3])
      redis.call("PEXPIRE", KEYS[i], lease)
      used[i] = used[i] + 1
    else
      used[i] = redis.call("INCRBY", KEYS[i], ARGV[base + 3])
      redis.call("PEXPIRE", KEYS[i], ARGV[base + 4])
    end
  end
end
local reply = { refused }
for i = 1, #KEYS do reply[i + 1] = used[i] end
return reply
`;

// KEYS: the tokens' minute, the slots' set. ARGV: token delta ("0": none), slot id ("": none).
const RELEASE_SCRIPT = `
if ARGV[1] ~= "0" and redis.call("EXISTS", KEYS[1]) == 1 then
  if redis.call("INCRBY", KEYS[1], ARGV[1]) < 0 then redis.call("SET", KEYS[1], 0, "KEEPTTL") end
end
if ARGV[2] ~= "" then redis.call("ZREM", KEYS[2], ARGV[2]) end
return 1
`;

// KEYS: the slots' set. ARGV: slot id, new expiry (ms), lease (ms). A slot already gone (lease ran out) stays gone.
const RENEW_SCRIPT = `
if redis.call("ZSCORE", KEYS[1], ARGV[1]) then
  redis.call("ZADD", KEYS[1], ARGV[2], ARGV[1])
  redis.call("PEXPIRE", KEYS[1], ARGV[3])
end
return 1
`;

export interface UpstashStoreOptions {
  url: string;
  token: string;
  /** A call slower than this fails (and the limiter falls back to the in-process store). */
  timeoutMs?: number;
}

export function createUpstashStore({ url, token, timeoutMs = 1_000 }: UpstashStoreOptions): LimitStore {
  // No retries: an unreachable Redis should cost one timeout, after which the limiter serves from memory.
  const redis = new Redis({
    url,
    token,
    retry: false,
    enableTelemetry: false,
    signal: () => AbortSignal.timeout(timeoutMs),
  });
  const countScript = redis.createScript<number[]>(COUNT_SCRIPT);
  const releaseScript = redis.createScript<number>(RELEASE_SCRIPT);
  const renewScript = redis.createScript<number>(RENEW_SCRIPT);
  return {
    kind: "upstash",
    async count(counters: Counter[], mode, now): Promise<CountOutcome> {
      const args = [mode, String(now)];
      for (const counter of counters) {
        if (counter.type === "count")
          args.push("c", String(counter.max), String(counter.amount), String(counter.ttlMs));
        else args.push("s", String(counter.max), counter.slotId, String(counter.leaseMs));
      }
      const [refused, ...used] = await countScript.exec(
        counters.map((counter) => counter.key),
        args,
      );
      return { used: used.map(Number), refusedAt: refused > 0 ? refused - 1 : null };
    },
    async renew(hold: Hold, leaseMs, now) {
      if (!hold.slot) return;
      await renewScript.exec([hold.slot.key], [hold.slot.id, String(now + leaseMs), String(leaseMs)]);
    },
    async release(hold: Hold, tokenDelta) {
      if (!hold.slot && (!hold.tokens || tokenDelta === 0)) return;
      await releaseScript.exec(
        [hold.tokens?.key ?? "switchyard:none", hold.slot?.key ?? "switchyard:none"],
        [hold.tokens ? String(Math.round(tokenDelta)) : "0", hold.slot?.id ?? ""],
      );
    },
  };
}
