// The in-process store: counters in Maps of this instance. Exact for one instance; with several instances each
// counts alone, so a limit of N becomes N per instance (the README says so).
import type { Counter, CountOutcome, Hold, LimitStore } from "./limits";

const MAX_ENTRIES = 100_000;

export function createMemoryStore(): LimitStore {
  const counts = new Map<string, { value: number; expiresAt: number }>();
  const slots = new Map<string, Map<string, number>>();

  const countOf = (key: string, now: number) => {
    const entry = counts.get(key);
    return entry && entry.expiresAt > now ? entry.value : 0;
  };
  const liveSlots = (key: string, now: number) => {
    const set = slots.get(key);
    if (!set) return 0;
    for (const [id, expiresAt] of set) if (expiresAt <= now) set.delete(id);
    if (set.size === 0) slots.delete(key);
    return set.size;
  };
  // Bounds memory: expired counters go first; a map still full of live ones is emptied (a flood of identifiers).
  const makeRoom = (now: number) => {
    if (counts.size < MAX_ENTRIES) return;
    for (const [key, entry] of counts) if (entry.expiresAt <= now) counts.delete(key);
    if (counts.size >= MAX_ENTRIES) counts.clear();
  };

  return {
    kind: "memory",
    async count(counters: Counter[], mode, now): Promise<CountOutcome> {
      const used = counters.map((counter) =>
        counter.type === "count" ? countOf(counter.key, now) : liveSlots(counter.key, now),
      );
      if (mode === "peek") return { used, refusedAt: null };
      const refusedAt = counters.findIndex(
        (counter, index) => used[index] + (counter.type === "count" ? counter.amount : 1) > counter.max,
      );
      if (refusedAt !== -1) return { used, refusedAt };
      makeRoom(now);
      return {
        refusedAt: null,
        used: counters.map((counter, index) => {
          if (counter.type === "count") {
            const value = used[index] + counter.amount;
            counts.set(counter.key, { value, expiresAt: now + counter.ttlMs });
            return value;
          }
          let set = slots.get(counter.key);
          if (!set) {
            set = new Map();
            slots.set(counter.key, set);
          }
          set.set(counter.slotId, now + counter.leaseMs);
          return set.size;
        }),
      };
    },
    async renew(hold: Hold, leaseMs, now) {
      const set = hold.slot ? slots.get(hold.slot.key) : undefined;
      if (hold.slot && set?.has(hold.slot.id)) set.set(hold.slot.id, now + leaseMs);
    },
    async release(hold: Hold, tokenDelta, now) {
      if (hold.tokens && tokenDelta !== 0) {
        const entry = counts.get(hold.tokens.key);
        if (entry && entry.expiresAt > now) entry.value = Math.max(0, entry.value + tokenDelta);
      }
      if (hold.slot) {
        const set = slots.get(hold.slot.key);
        set?.delete(hold.slot.id);
        if (set?.size === 0) slots.delete(hold.slot.key);
      }
    },
  };
}
