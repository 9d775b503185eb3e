import { describe, expect, it } from "vitest";
import {
  checkByoModelsInput,
  checkByoProviderInput,
  checkDeploymentInput,
  checkImportSelection,
  checkModelInput,
  checkProviderInput,
  checkProviderKeyInput,
  imagePrices,
  markupBps,
  priceMicros,
} from "./catalog-input";

const chat = {
  id: "lab/llama-3",
  displayName: "Llama 3 (lab)",
  kind: "chat",
  providerId: "lab",
  upstreamModel: "meta-llama/Llama-3-8B",
};

describe("catalog input: money", () => {
  it("reads USD per 1M tokens as exact micro-USD, empty as no price", () => {
    expect(priceMicros("0.15")).toBe(150_000n);
    expect(priceMicros("$2.5")).toBe(2_500_000n);
    expect(priceMicros("")).toBeNull();
    expect(priceMicros("0.1234567")).toBe("invalid");
    expect(priceMicros("-1")).toBe("invalid");
    expect(priceMicros("abc")).toBe("invalid");
  });

  it("reads markup as percent or basis points", () => {
    expect(markupBps("5")).toBe(500);
    expect(markupBps("5%")).toBe(500);
    expect(markupBps("2.5 %")).toBe(250);
    expect(markupBps("500 bps")).toBe(500);
    expect(markupBps("")).toBeNull();
    expect(markupBps("5000%")).toBe("invalid");
    expect(markupBps("-5")).toBe("invalid");
  });

  it("reads image tiers one a line", () => {
    expect(imagePrices("standard:1024x1024 = 0.04\nhd:1024x1024=$0.08")).toEqual({
      "standard:1024x1024": 40_000n,
      "hd:1024x1024": 80_000n,
    });
    expect(imagePrices("")).toBeNull();
    expect(imagePrices("1024x1024 costs 4 cents")).toBe("invalid");
  });
});

describe("catalog input: models", () => {
  it("refuses a live model without a price, and says so on the status field", () => {
    const checked = checkModelInput({ ...chat, status: "live", inputPrice: "0.1" }, { creating: true });
    expect(checked).toEqual({ ok: false, issues: [{ field: "status", code: "live_without_price" }] });
  });

  it("accepts a live chat model with input and output prices, converted to micro-USD", () => {
    const checked = checkModelInput(
      { ...chat, status: "live", inputPrice: "0.1", outputPrice: "0.4", cachedInputPrice: "0.025", markup: "" },
      { creating: true },
    );
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.value.inputPriceMicros).toBe(100_000n);
    expect(checked.value.outputPriceMicros).toBe(400_000n);
    expect(checked.value.cachedInputPriceMicros).toBe(25_000n);
    expect(checked.value.cacheWritePriceMicros).toBeNull();
    expect(checked.value.markupBps).toBeNull();
  });

  it("needs an input price for a live embedding model and tiers for a live image model", () => {
    expect(
      checkModelInput({ ...chat, kind: "embedding", status: "live", inputPrice: "0.02" }, { creating: true }).ok,
    ).toBe(true);
    const image = checkModelInput({ ...chat, kind: "image", status: "live", inputPrice: "1" }, { creating: true });
    expect(image).toEqual({ ok: false, issues: [{ field: "status", code: "live_without_price" }] });
    expect(
      checkModelInput({ ...chat, kind: "image", status: "live", imagePrices: "1024x1024 = 0.04" }, { creating: true })
        .ok,
    ).toBe(true);
  });

  it("needs the audio price for a live speech or transcription model (a token price does not count)", () => {
    const tokenPriced = checkModelInput(
      { ...chat, kind: "transcription", status: "live", inputPrice: "1" },
      { creating: true },
    );
    expect(tokenPriced).toEqual({ ok: false, issues: [{ field: "status", code: "live_without_price" }] });
    const whisper = checkModelInput(
      { ...chat, kind: "transcription", status: "live", audioPrice: "0.006" },
      { creating: true },
    );
    expect(whisper.ok && whisper.value.audioPriceMicros).toBe(6_000n);
    const speech = checkModelInput({ ...chat, kind: "speech", status: "free" }, { creating: true });
    expect(speech.ok && speech.value.audioPriceMicros).toBe(0n);
  });

  it("makes free a written-down price of zero, and refuses free with a price", () => {
    const free = checkModelInput({ ...chat, status: "free" }, { creating: true });
    expect(free.ok && [free.value.inputPriceMicros, free.value.outputPriceMicros]).toEqual([0n, 0n]);
    expect(checkModelInput({ ...chat, status: "free", inputPrice: "0.1" }, { creating: true })).toEqual({
      ok: false,
      issues: [{ field: "status", code: "free_with_price" }],
    });
  });

  it("names every bad field at once", () => {
    const checked = checkModelInput(
      { id: "no-slash", displayName: "", providerId: "lab", upstreamModel: "x", contextLength: "lots", markup: "ten" },
      { creating: true },
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues.map((issue) => issue.field).sort()).toEqual(["contextLength", "displayName", "id", "markup"]);
  });

  it("takes capabilities from a checkbox group and aliases from a list, new models default to soon", () => {
    const checked = checkModelInput(
      { ...chat, capabilities: ["streaming", "tools", "streaming"], aliases: "llama3, lab/llama-3, llama-3-8b" },
      { creating: true },
    );
    expect(checked.ok && checked.value.capabilities).toEqual(["streaming", "tools"]);
    expect(checked.ok && checked.value.aliases).toEqual(["llama3", "llama-3-8b"]);
    expect(checked.ok && checked.value.status).toBe("soon");
  });

  it("ignores the id on edit (it is fixed once created)", () => {
    expect(checkModelInput({ ...chat, id: "", status: "soon" }, { creating: false }).ok).toBe(true);
  });
});

describe("catalog input: providers, keys, routes", () => {
  it("takes a custom provider's id, name and http(s) base URL without a trailing slash", () => {
    expect(
      checkProviderInput({ id: "Lab", name: "Lab", baseUrl: "http://10.0.0.5:8000/v1/" }, { creating: true }),
    ).toEqual({ ok: true, value: { id: "lab", name: "Lab", baseUrl: "http://10.0.0.5:8000/v1", enabled: true } });
    const bad = checkProviderInput({ id: "has space", name: "", baseUrl: "ftp://x" }, { creating: true });
    expect(bad.ok || bad.issues.map((issue) => issue.code)).toEqual(["invalid_id", "required", "invalid_url"]);
  });

  it("requires a key's secret and label, weight 1 by default", () => {
    expect(checkProviderKeyInput({ label: "prod", secret: " sk-abc " })).toEqual({
      ok: true,
      value: { label: "prod", secret: "sk-abc", weight: 1 },
    });
    const bad = checkProviderKeyInput({ label: "", secret: "", weight: "0" });
    expect(bad.ok || bad.issues.map((issue) => issue.field)).toEqual(["label", "secret", "weight"]);
  });

  it("checks a deployment's priority and weight", () => {
    expect(checkDeploymentInput({ providerId: "lab", upstreamModel: "m", priority: "2", weight: "3" })).toEqual({
      ok: true,
      value: { providerId: "lab", upstreamModel: "m", priority: 2, weight: 3, enabled: true },
    });
    expect(checkDeploymentInput({ providerId: "lab", upstreamModel: "m", enabled: false })).toMatchObject({
      value: { enabled: false },
    });
    expect(checkDeploymentInput({ providerId: "lab", upstreamModel: "m", weight: "0" }).ok).toBe(false);
  });

  it("needs at least one model picked to import", () => {
    expect(checkImportSelection({ providerId: "lab" }).ok).toBe(false);
    expect(checkImportSelection({ providerId: "lab", upstreamModels: ["a", "b", "a"] })).toEqual({
      ok: true,
      value: { providerId: "lab", upstreamModels: ["a", "b"] },
    });
  });

  it("checks a customer's own provider: a slug name, an http(s) base URL, a key", () => {
    expect(
      checkByoProviderInput({ name: " My-vLLM ", baseUrl: "https://llm.example.com/v1/", secret: "sk-abc" }),
    ).toEqual({
      ok: true,
      value: { name: "my-vllm", baseUrl: "https://llm.example.com/v1", label: "default", secret: "sk-abc" },
    });
    expect(checkByoProviderInput({ name: "a.b", baseUrl: "ftp://x", secret: "" })).toEqual({
      ok: false,
      issues: [
        { field: "name", code: "invalid_byo_name" },
        { field: "baseUrl", code: "invalid_url" },
        { field: "secret", code: "required" },
      ],
    });
    // "byo" itself is reserved for these models: an operator provider may not take it.
    expect(checkProviderInput({ id: "byo", name: "x", baseUrl: "https://x.example/v1" }, { creating: true })).toEqual({
      ok: false,
      issues: [{ field: "id", code: "taken" }],
    });
  });

  it("takes the models ticked and typed, once each, and refuses ids with spaces", () => {
    expect(checkByoModelsInput({ models: ["b", "a"], typedModels: "c, a\nd" })).toEqual({
      ok: true,
      value: ["a", "b", "c", "d"],
    });
    expect(checkByoModelsInput({})).toEqual({ ok: true, value: [] });
    expect(checkByoModelsInput({ typedModels: "ok, not ok" }).ok).toBe(false);
    expect(checkByoModelsInput({ models: "has space" })).toEqual({
      ok: false,
      issues: [{ field: "typedModels", code: "invalid_model_ids" }],
    });
  });
});
