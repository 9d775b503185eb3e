import { describe, it, expect } from "vitest";
import { SEED_MODELS, SEED_PROVIDER_IDS, type SeedModel } from "./seed-data";

const PRICE_RE = /^\d+(\.\d{1,6})?$/;
const ID_RE = /^[a-z0-9-]+\/[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const IMAGE_KEY_RE = /^[a-z]+:\d+x\d+$/;
const KINDS = ["chat", "embedding", "image", "speech", "transcription"];
const STATUSES = ["live", "free", "soon", "disabled"];
const CAPABILITIES = ["streaming", "tools", "vision", "json", "reasoning", "completions", "system-messages"];

/** Exact decimal string → integer micro-USD, the way the app stores money. */
function toMicroUsd(price: string): bigint {
  const [whole, frac = ""] = price.split(".");
  return BigInt(whole) * 1_000_000n + BigInt(frac.padEnd(6, "0"));
}

function providerOf(m: SeedModel): string {
  return m.id.slice(0, m.id.indexOf("/"));
}

function bareName(m: SeedModel): string {
  return m.id.slice(m.id.indexOf("/") + 1);
}

function allPrices(m: SeedModel): [string, string][] {
  const out: [string, string][] = [];
  if (m.inputPerMillionUsd !== undefined) out.push(["inputPerMillionUsd", m.inputPerMillionUsd]);
  if (m.cachedInputPerMillionUsd !== undefined) out.push(["cachedInputPerMillionUsd", m.cachedInputPerMillionUsd]);
  if (m.outputPerMillionUsd !== undefined) out.push(["outputPerMillionUsd", m.outputPerMillionUsd]);
  for (const [k, v] of Object.entries(m.imagePricesUsd ?? {})) out.push([`imagePricesUsd[${k}]`, v]);
  if (m.audioPriceUsd !== undefined) out.push(["audioPriceUsd", m.audioPriceUsd]);
  return out;
}

const byId = new Map(SEED_MODELS.map((m) => [m.id, m]));

describe("seed catalog: shape", () => {
  it("has models", () => {
    expect(SEED_MODELS.length).toBeGreaterThan(20);
  });

  it("has unique ids of the form <provider>/<model> with a known provider", () => {
    const seen = new Set<string>();
    for (const m of SEED_MODELS) {
      expect(m.id, m.id).toMatch(ID_RE);
      expect(seen.has(m.id), `duplicate id ${m.id}`).toBe(false);
      seen.add(m.id);
      expect(SEED_PROVIDER_IDS as readonly string[], `unknown provider in ${m.id}`).toContain(providerOf(m));
    }
  });

  it("has the provider list without duplicates", () => {
    expect(new Set(SEED_PROVIDER_IDS).size).toBe(SEED_PROVIDER_IDS.length);
  });

  it("has a non-empty upstream model and display name", () => {
    for (const m of SEED_MODELS) {
      expect(m.upstreamModel.trim(), m.id).not.toBe("");
      expect(m.upstreamModel, m.id).toBe(m.upstreamModel.trim());
      expect(m.displayName.trim(), m.id).not.toBe("");
    }
  });

  it("uses known kinds, statuses and capabilities, without repeats", () => {
    for (const m of SEED_MODELS) {
      expect(KINDS, m.id).toContain(m.kind);
      expect(STATUSES, m.id).toContain(m.status);
      expect(new Set(m.capabilities).size, `repeated capability in ${m.id}`).toBe(m.capabilities.length);
      for (const c of m.capabilities) expect(CAPABILITIES, `${m.id}: ${c}`).toContain(c);
      if (m.kind !== "chat") expect(m.capabilities, `${m.id} is not a chat model`).toEqual([]);
    }
  });

  it("has realistic context and output limits", () => {
    for (const m of SEED_MODELS) {
      if (m.contextLength !== undefined) {
        expect(Number.isInteger(m.contextLength), m.id).toBe(true);
        expect(m.contextLength, m.id).toBeGreaterThanOrEqual(1024);
        expect(m.contextLength, m.id).toBeLessThanOrEqual(10_000_000);
      }
      if (m.maxOutputTokens !== undefined) {
        expect(Number.isInteger(m.maxOutputTokens), m.id).toBe(true);
        expect(m.maxOutputTokens, m.id).toBeGreaterThan(0);
        if (m.contextLength !== undefined) expect(m.maxOutputTokens, m.id).toBeLessThanOrEqual(m.contextLength);
      }
      if (m.kind !== "chat") expect(m.maxOutputTokens, `${m.id} has no output tokens`).toBeUndefined();
    }
  });
});

describe("seed catalog: aliases", () => {
  it("are unique, never equal a model id, and never shadow another model's bare name", () => {
    const seen = new Set<string>();
    for (const m of SEED_MODELS) {
      for (const a of m.aliases ?? []) {
        expect(a.trim(), m.id).toBe(a);
        expect(a, m.id).not.toBe("");
        expect(seen.has(a), `duplicate alias ${a}`).toBe(false);
        seen.add(a);
        expect(byId.has(a), `alias ${a} equals a model id`).toBe(false);
        for (const other of SEED_MODELS) {
          if (other !== m) expect(bareName(other), `alias ${a} of ${m.id} shadows ${other.id}`).not.toBe(a);
        }
      }
    }
  });

  it("resolve deepseek-v3.2 to deepseek/deepseek-chat", () => {
    const owners = SEED_MODELS.filter((m) => m.aliases?.includes("deepseek-v3.2"));
    expect(owners.map((m) => m.id)).toEqual(["deepseek/deepseek-chat"]);
  });
});

describe("seed catalog: prices", () => {
  it("are decimal strings with at most 6 decimals that convert exactly to micro-USD", () => {
    for (const m of SEED_MODELS) {
      for (const [field, p] of allPrices(m)) {
        expect(p, `${m.id} ${field}`).toMatch(PRICE_RE);
        const micro = toMicroUsd(p);
        expect(micro, `${m.id} ${field}`).toBeGreaterThanOrEqual(0n);
        // round trip: the micro value reproduces the same number
        expect(Number(micro) / 1_000_000, `${m.id} ${field}`).toBe(Number(p));
      }
    }
  });

  it("converts sample prices exactly", () => {
    expect(toMicroUsd("0.15")).toBe(150_000n);
    expect(toMicroUsd("0.075")).toBe(75_000n);
    expect(toMicroUsd("0.000001")).toBe(1n);
    expect(toMicroUsd("75")).toBe(75_000_000n);
    expect(toMicroUsd("0")).toBe(0n);
  });

  it("every live chat model has non-zero input and output prices", () => {
    for (const m of SEED_MODELS.filter((x) => x.status === "live" && x.kind === "chat")) {
      expect(m.inputPerMillionUsd, `${m.id} input`).toBeDefined();
      expect(m.outputPerMillionUsd, `${m.id} output`).toBeDefined();
      expect(toMicroUsd(m.inputPerMillionUsd!), `${m.id} input`).toBeGreaterThan(0n);
      expect(toMicroUsd(m.outputPerMillionUsd!), `${m.id} output`).toBeGreaterThan(0n);
      expect(m.imagePricesUsd, m.id).toBeUndefined();
    }
  });

  it("every live embedding model has an input price and no output price", () => {
    for (const m of SEED_MODELS.filter((x) => x.status === "live" && x.kind === "embedding")) {
      expect(m.inputPerMillionUsd, m.id).toBeDefined();
      expect(toMicroUsd(m.inputPerMillionUsd!), m.id).toBeGreaterThan(0n);
      expect(m.outputPerMillionUsd, m.id).toBeUndefined();
      expect(m.cachedInputPerMillionUsd, m.id).toBeUndefined();
      expect(m.imagePricesUsd, m.id).toBeUndefined();
    }
  });

  it("every live image model has per-image prices keyed quality:size", () => {
    for (const m of SEED_MODELS.filter((x) => x.status === "live" && x.kind === "image")) {
      const entries = Object.entries(m.imagePricesUsd ?? {});
      expect(entries.length, m.id).toBeGreaterThan(0);
      for (const [k, v] of entries) {
        expect(k, m.id).toMatch(IMAGE_KEY_RE);
        expect(toMicroUsd(v), `${m.id} ${k}`).toBeGreaterThan(0n);
      }
    }
  });

  it("every live audio model has a non-zero audio price, and only audio models carry one", () => {
    for (const m of SEED_MODELS) {
      const audio = m.kind === "speech" || m.kind === "transcription";
      if (!audio) expect(m.audioPriceUsd, m.id).toBeUndefined();
      else if (m.status === "live") expect(toMicroUsd(m.audioPriceUsd ?? "0"), m.id).toBeGreaterThan(0n);
    }
  });

  it("only image models carry per-image prices", () => {
    for (const m of SEED_MODELS.filter((x) => x.kind !== "image")) {
      expect(m.imagePricesUsd, m.id).toBeUndefined();
    }
  });

  it("free models are priced at an explicit 0", () => {
    const free = SEED_MODELS.filter((m) => m.status === "free");
    expect(free.length).toBeGreaterThan(0);
    for (const m of free) {
      if (m.kind === "image") {
        const entries = Object.entries(m.imagePricesUsd ?? {});
        expect(entries.length, m.id).toBeGreaterThan(0);
        for (const [, v] of entries) expect(toMicroUsd(v), m.id).toBe(0n);
      } else {
        expect(m.inputPerMillionUsd, m.id).toBeDefined();
        expect(toMicroUsd(m.inputPerMillionUsd!), m.id).toBe(0n);
        if (m.kind === "chat") {
          expect(m.outputPerMillionUsd, m.id).toBeDefined();
          expect(toMicroUsd(m.outputPerMillionUsd!), m.id).toBe(0n);
        }
      }
      for (const [field, p] of allPrices(m)) expect(toMicroUsd(p), `${m.id} ${field}`).toBe(0n);
    }
  });

  it("cached input is never dearer than input", () => {
    for (const m of SEED_MODELS) {
      if (m.cachedInputPerMillionUsd === undefined) continue;
      expect(m.inputPerMillionUsd, `${m.id} has cached but no input price`).toBeDefined();
      expect(toMicroUsd(m.cachedInputPerMillionUsd), m.id).toBeLessThanOrEqual(toMicroUsd(m.inputPerMillionUsd!));
    }
  });

  it("has at least one 'soon' model", () => {
    expect(SEED_MODELS.some((m) => m.status === "soon")).toBe(true);
  });
});

describe("seed catalog: required models", () => {
  const required: [string, SeedModel["kind"]][] = [
    ["openai/gpt-4o", "chat"],
    ["openai/gpt-4o-mini", "chat"],
    ["openai/gpt-4.1", "chat"],
    ["openai/gpt-4.1-mini", "chat"],
    ["openai/o4-mini", "chat"],
    ["openai/text-embedding-3-small", "embedding"],
    ["openai/text-embedding-3-large", "embedding"],
    ["openai/gpt-image-1", "image"],
    ["openai/dall-e-3", "image"],
    ["anthropic/claude-sonnet-4", "chat"],
    ["anthropic/claude-opus-4", "chat"],
    ["anthropic/claude-3-5-haiku", "chat"],
    ["google/gemini-2.5-pro", "chat"],
    ["google/gemini-2.5-flash", "chat"],
    ["deepseek/deepseek-chat", "chat"],
    ["deepseek/deepseek-reasoner", "chat"],
    ["zhipu/glm-4-flash", "chat"],
    ["zhipu/glm-4-air", "chat"],
    ["zhipu/glm-4-plus", "chat"],
    ["moonshot/kimi-k2", "chat"],
    ["qwen/qwen3-max", "chat"],
    ["minimax/minimax-text-01", "chat"],
    ["mistral/mistral-large", "chat"],
    ["mistral/mistral-small", "chat"],
    ["mistral/codestral", "chat"],
    ["groq/llama-3.3-70b-versatile", "chat"],
    ["groq/llama-3.1-8b-instant", "chat"],
    ["xai/grok-3", "chat"],
    ["xai/grok-3-mini", "chat"],
  ];

  it.each(required)("%s is present as %s", (id, kind) => {
    const m = byId.get(id);
    expect(m, id).toBeDefined();
    expect(m!.kind).toBe(kind);
    expect(["live", "free"]).toContain(m!.status);
  });

  it("o4-mini and deepseek-reasoner are reasoning models", () => {
    expect(byId.get("openai/o4-mini")!.capabilities).toContain("reasoning");
    expect(byId.get("deepseek/deepseek-reasoner")!.capabilities).toContain("reasoning");
  });

  it("glm-4-flash is free", () => {
    const m = byId.get("zhipu/glm-4-flash")!;
    expect(m.status).toBe("free");
    expect(m.inputPerMillionUsd).toBe("0");
    expect(m.outputPerMillionUsd).toBe("0");
  });

  it("anthropic models use dated upstream names", () => {
    expect(byId.get("anthropic/claude-sonnet-4")!.upstreamModel).toMatch(/^claude-sonnet-4-\d{8}$/);
    expect(byId.get("anthropic/claude-opus-4")!.upstreamModel).toMatch(/^claude-opus-4-\d{8}$/);
    expect(byId.get("anthropic/claude-3-5-haiku")!.upstreamModel).toMatch(/^claude-3-5-haiku-\d{8}$/);
  });

  it("minimax-text-01 is sent upstream as MiniMax-Text-01", () => {
    expect(byId.get("minimax/minimax-text-01")!.upstreamModel).toBe("MiniMax-Text-01");
  });

  it("gpt-image-1 and dall-e-3 price standard square images", () => {
    expect(byId.get("openai/gpt-image-1")!.imagePricesUsd).toHaveProperty(["low:1024x1024"]);
    expect(byId.get("openai/gpt-image-1")!.imagePricesUsd).toHaveProperty(["high:1024x1024"]);
    expect(byId.get("openai/dall-e-3")!.imagePricesUsd).toHaveProperty(["standard:1024x1024"]);
    expect(byId.get("openai/dall-e-3")!.imagePricesUsd).toHaveProperty(["hd:1024x1792"]);
  });
});
