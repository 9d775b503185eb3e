// The operator's catalog forms (and a customer's own providers, the same way) as data: every field checked at once, each problem named by its field and a code the
// console words in the operator's language. Prices are typed in USD per 1M tokens and stored as integer micro-USD.
import { z } from "zod";
import { usdToMicros } from "../../money";

export type CatalogIssueCode =
  | "required"
  | "too_long"
  | "invalid_id"
  | "invalid_url"
  | "invalid_number"
  | "invalid_price"
  | "invalid_markup"
  | "invalid_image_prices"
  | "invalid_alias"
  | "live_without_price"
  | "free_with_price"
  | "taken"
  | "unknown_provider"
  | "unknown_model"
  | "unknown_key"
  | "env_key"
  | "built_in"
  | "invalid_byo_name"
  | "invalid_model_ids"
  | "private_address";

export interface CatalogIssue {
  /** The form field the problem belongs to ("" for the form as a whole). */
  field: string;
  code: CatalogIssueCode;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: CatalogIssue[] };

/** A problem only the database can reveal (a taken id, an unknown provider); the console shows it by its field. */
export class CatalogInputError extends Error {
  constructor(readonly issues: CatalogIssue[]) {
    super(issues.map((issue) => `${issue.field || "form"}: ${issue.code}`).join("; "));
  }
}

/** Form values arrive as strings (FormData) or from code (CLI, MCP) as numbers and booleans. */
type Raw = Record<string, unknown>;

const text = (raw: Raw, name: string): string => {
  const value = raw[name];
  if (value === undefined || value === null) return "";
  return String(value).trim();
};

const flag = (raw: Raw, name: string): boolean => {
  const value = raw[name];
  return value === true || value === "on" || value === "true" || value === "1";
};

class Collector {
  issues: CatalogIssue[] = [];
  add(field: string, code: CatalogIssueCode): void {
    if (!this.issues.some((issue) => issue.field === field)) this.issues.push({ field, code });
  }
  result<T>(value: T): Checked<T> {
    return this.issues.length > 0 ? { ok: false, issues: this.issues } : { ok: true, value };
  }
}

const SLUG = /^[a-z0-9][a-z0-9._-]{0,62}$/;

function requiredText(raw: Raw, name: string, issues: Collector, max = 200): string {
  const value = text(raw, name);
  if (value === "") issues.add(name, "required");
  else if (value.length > max) issues.add(name, "too_long");
  return value;
}

function baseUrl(raw: Raw, name: string, issues: Collector): string {
  const value = text(raw, name).replace(/\/+$/, "");
  if (value === "") {
    issues.add(name, "required");
    return value;
  }
  const parsed = z.url({ protocol: /^https?$/ }).safeParse(value);
  if (!parsed.success || value.length > 500) issues.add(name, "invalid_url");
  return value;
}

/** A whole number in [min, max]; empty gives `fallback` (null: optional and absent). */
function integer(raw: Raw, name: string, issues: Collector, bounds: { min: number; max: number }): number | null {
  const value = text(raw, name);
  if (value === "") return null;
  const parsed = z.coerce
    .number()
    .int()
    .min(bounds.min)
    .max(bounds.max)
    .safeParse(value.replace(/[_,\s]/g, ""));
  if (!parsed.success) {
    issues.add(name, "invalid_number");
    return null;
  }
  return parsed.data;
}

/** USD per 1M tokens (or per image) → micro-USD; empty means "no such price". */
export function priceMicros(value: string): bigint | null | "invalid" {
  const cleaned = value.replace(/^\$/, "").trim();
  if (cleaned === "") return null;
  try {
    const micros = usdToMicros(cleaned);
    return micros < 0n ? "invalid" : micros;
  } catch {
    return "invalid";
  }
}

function price(raw: Raw, name: string, issues: Collector): bigint | null {
  const micros = priceMicros(text(raw, name));
  if (micros === "invalid") {
    issues.add(name, "invalid_price");
    return null;
  }
  return micros;
}

/** "5%", "5" (percent) or "500 bps" → basis points; empty → null (the default markup applies). */
export function markupBps(value: string): number | null | "invalid" {
  const cleaned = value.trim().toLowerCase();
  if (cleaned === "") return null;
  const bps = /^(\d{1,6})\s*bps$/.exec(cleaned);
  if (bps) return Number(bps[1]) <= 100_000 ? Number(bps[1]) : "invalid";
  const percent = /^(\d{1,4})(?:\.(\d{1,2}))?\s*%?$/.exec(cleaned);
  if (!percent) return "invalid";
  const result = Number(percent[1]) * 100 + Number((percent[2] ?? "").padEnd(2, "0"));
  return result <= 100_000 ? result : "invalid";
}

/** One tier a line: "standard:1024x1024 = 0.04" (quality:size or size, then USD per image). */
export function imagePrices(value: string): Record<string, bigint> | null | "invalid" {
  const lines = value
    .split(/[\n;]/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) return null;
  const tiers: Record<string, bigint> = {};
  for (const line of lines) {
    const match = /^([a-z0-9_-]+(?::[a-z0-9_-]+)?)\s*=\s*\$?\s*(\S+)$/i.exec(line);
    const micros = match ? priceMicros(match[2]) : "invalid";
    if (!match || micros === "invalid" || micros === null) return "invalid";
    tiers[match[1].toLowerCase()] = micros;
  }
  return tiers;
}

const list = (value: string): string[] => [
  ...new Set(
    value
      .split(/[,\n]/)
      .map((item) => item.trim())
      .filter(Boolean),
  ),
];

// ---------- providers ----------

export interface ProviderInput {
  id: string;
  name: string;
  baseUrl: string;
  enabled: boolean;
}

/** A custom provider: any OpenAI-compatible server, by an id of its own, a name and a base URL. */
export function checkProviderInput(raw: Raw, options: { creating: boolean }): Checked<ProviderInput> {
  const issues = new Collector();
  const id = text(raw, "id").toLowerCase();
  if (options.creating) {
    if (id === "") issues.add("id", "required");
    else if (!SLUG.test(id)) issues.add("id", "invalid_id");
    // byo/<name>/<model> are customers' own models (lib/byo): an operator provider by that id would shadow them.
    else if (id === "byo") issues.add("id", "taken");
  }
  const name = requiredText(raw, "name", issues, 100);
  const url = baseUrl(raw, "baseUrl", issues);
  return issues.result({ id, name, baseUrl: url, enabled: options.creating ? true : flag(raw, "enabled") });
}

// ---------- provider keys ----------

export interface ProviderKeyInput {
  label: string;
  secret: string;
  weight: number;
}

export function checkProviderKeyInput(raw: Raw): Checked<ProviderKeyInput> {
  const issues = new Collector();
  const label = requiredText(raw, "label", issues, 100);
  const secret = text(raw, "secret");
  if (secret === "") issues.add("secret", "required");
  else if (secret.length > 1000) issues.add("secret", "too_long");
  const weight = integer(raw, "weight", issues, { min: 1, max: 1000 }) ?? 1;
  return issues.result({ label, secret, weight });
}

export interface ProviderKeyChange {
  label: string;
  weight: number;
  enabled: boolean;
}

export function checkProviderKeyChange(raw: Raw): Checked<ProviderKeyChange> {
  const issues = new Collector();
  const label = requiredText(raw, "label", issues, 100);
  const weight = integer(raw, "weight", issues, { min: 1, max: 1000 }) ?? 1;
  return issues.result({ label, weight, enabled: flag(raw, "enabled") });
}

// ---------- models ----------

export const MODEL_KINDS = ["chat", "embedding", "image", "speech", "transcription"] as const;
export const MODEL_STATUSES = ["live", "free", "soon", "disabled"] as const;
// "completions": its OpenAI-compatible upstream serves /v1/completions itself; "system-messages": it takes system messages
// mid-conversation on /v1/messages as sent (Anthropic models; others are folded).
export const CAPABILITIES = [
  "streaming",
  "tools",
  "vision",
  "json",
  "reasoning",
  "completions",
  "system-messages",
] as const;

export interface ModelInput {
  id: string;
  displayName: string;
  kind: (typeof MODEL_KINDS)[number];
  providerId: string;
  upstreamModel: string;
  contextLength: number | null;
  maxOutputTokens: number | null;
  capabilities: string[];
  inputPriceMicros: bigint | null;
  cachedInputPriceMicros: bigint | null;
  cacheWritePriceMicros: bigint | null;
  outputPriceMicros: bigint | null;
  imagePrices: Record<string, bigint> | null;
  /** Audio models: USD per 1M input characters (speech), per minute of audio (transcription), as micro-USD. */
  audioPriceMicros: bigint | null;
  /** null: the defaultMarkupBps setting applies (on create) or the markup stays as it is (never: edits send it). */
  markupBps: number | null;
  status: (typeof MODEL_STATUSES)[number];
  aliases: string[];
}

/** Whether the prices make a model of this kind billable (the data plane's rule: lib/catalog/catalog.ts isPriced). */
export function hasPrice(
  model: Pick<ModelInput, "kind" | "inputPriceMicros" | "outputPriceMicros" | "imagePrices" | "audioPriceMicros">,
) {
  if (model.kind === "image") return model.imagePrices !== null && Object.keys(model.imagePrices).length > 0;
  if (model.kind === "speech" || model.kind === "transcription") return model.audioPriceMicros !== null;
  if (model.kind === "embedding") return model.inputPriceMicros !== null;
  return model.inputPriceMicros !== null && model.outputPriceMicros !== null;
}

function isZeroPriced(model: ModelInput): boolean {
  const prices = [
    model.inputPriceMicros,
    model.cachedInputPriceMicros,
    model.cacheWritePriceMicros,
    model.outputPriceMicros,
    model.audioPriceMicros,
    ...Object.values(model.imagePrices ?? {}),
  ];
  return prices.every((value) => value === null || value === 0n);
}

/** A model's form. `id` is fixed once created (requests and logs name it), so edits ignore it. */
export function checkModelInput(raw: Raw, options: { creating: boolean }): Checked<ModelInput> {
  const issues = new Collector();
  const id = text(raw, "id");
  if (options.creating) {
    if (id === "") issues.add("id", "required");
    else if (!/^[a-z0-9][a-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._:/-]*$/.test(id) || id.length > 150)
      issues.add("id", "invalid_id");
  }
  const displayName = requiredText(raw, "displayName", issues, 150);
  const kindText = text(raw, "kind") || "chat";
  const kind = (MODEL_KINDS as readonly string[]).includes(kindText) ? (kindText as ModelInput["kind"]) : "chat";
  if (kind !== kindText) issues.add("kind", "required");
  const providerId = requiredText(raw, "providerId", issues, 63);
  const upstreamModel = requiredText(raw, "upstreamModel", issues, 200);
  const contextLength = integer(raw, "contextLength", issues, { min: 1, max: 100_000_000 });
  const maxOutputTokens = integer(raw, "maxOutputTokens", issues, { min: 1, max: 100_000_000 });
  const rawCapabilities = raw.capabilities;
  const capabilities = (Array.isArray(rawCapabilities) ? rawCapabilities.map(String) : list(text(raw, "capabilities")))
    .map((capability) => capability.trim().toLowerCase())
    .filter(Boolean);
  const inputPriceMicros = price(raw, "inputPrice", issues);
  const cachedInputPriceMicros = price(raw, "cachedInputPrice", issues);
  const cacheWritePriceMicros = price(raw, "cacheWritePrice", issues);
  const outputPriceMicros = price(raw, "outputPrice", issues);
  const audioPriceMicros = price(raw, "audioPrice", issues);
  const tiers = imagePrices(text(raw, "imagePrices"));
  if (tiers === "invalid") issues.add("imagePrices", "invalid_image_prices");
  const markup = markupBps(text(raw, "markup"));
  if (markup === "invalid") issues.add("markup", "invalid_markup");
  const statusText = text(raw, "status") || (options.creating ? "soon" : "");
  const status = (MODEL_STATUSES as readonly string[]).includes(statusText)
    ? (statusText as ModelInput["status"])
    : "soon";
  if (status !== statusText) issues.add("status", "required");
  const aliases = list(text(raw, "aliases"));
  if (aliases.some((alias) => alias.length > 150 || !/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/.test(alias)))
    issues.add("aliases", "invalid_alias");
  const model: ModelInput = {
    id,
    displayName,
    kind,
    providerId,
    upstreamModel,
    contextLength,
    maxOutputTokens,
    capabilities: [...new Set(capabilities)],
    inputPriceMicros,
    cachedInputPriceMicros,
    cacheWritePriceMicros,
    outputPriceMicros,
    imagePrices: tiers === "invalid" ? null : tiers,
    audioPriceMicros,
    markupBps: markup === "invalid" ? null : markup,
    status,
    aliases: aliases.filter((alias) => alias !== id),
  };
  // The money rules: never served without a price (that would be $0 by mistake); "free" is $0 on purpose.
  if (status === "live" && !hasPrice(model)) issues.add("status", "live_without_price");
  if (status === "free") {
    if (!isZeroPriced(model)) issues.add("status", "free_with_price");
    else if (kind === "image" && !hasPrice(model)) issues.add("imagePrices", "required");
    else if (kind === "speech" || kind === "transcription") model.audioPriceMicros ??= 0n;
    else {
      // Free is a price of zero written down: the data plane serves priced models only.
      model.inputPriceMicros ??= 0n;
      if (kind === "chat") model.outputPriceMicros ??= 0n;
    }
  }
  return issues.result(model);
}

// ---------- deployments ----------

export interface DeploymentInput {
  providerId: string;
  upstreamModel: string;
  priority: number;
  weight: number;
  enabled: boolean;
}

export function checkDeploymentInput(raw: Raw): Checked<DeploymentInput> {
  const issues = new Collector();
  const providerId = requiredText(raw, "providerId", issues, 63);
  const upstreamModel = requiredText(raw, "upstreamModel", issues, 200);
  const priority = integer(raw, "priority", issues, { min: 0, max: 1000 }) ?? 0;
  const weight = integer(raw, "weight", issues, { min: 1, max: 1000 }) ?? 1;
  // A new route serves at once unless asked not to (the console's form has no such box; MCP may send one).
  const enabled = raw.enabled === undefined ? true : flag(raw, "enabled");
  return issues.result({ providerId, upstreamModel, priority, weight, enabled });
}

export interface DeploymentChange {
  upstreamModel: string;
  priority: number;
  weight: number;
  enabled: boolean;
}

export function checkDeploymentChange(raw: Raw): Checked<DeploymentChange> {
  const issues = new Collector();
  const upstreamModel = requiredText(raw, "upstreamModel", issues, 200);
  const priority = integer(raw, "priority", issues, { min: 0, max: 1000 }) ?? 0;
  const weight = integer(raw, "weight", issues, { min: 1, max: 1000 }) ?? 1;
  return issues.result({ upstreamModel, priority, weight, enabled: flag(raw, "enabled") });
}

/** Upstream model ids picked from a provider's list, to import as "soon" entries. */
export function checkImportSelection(raw: Raw): Checked<{ providerId: string; upstreamModels: string[] }> {
  const issues = new Collector();
  const providerId = requiredText(raw, "providerId", issues, 63);
  const picked = raw.upstreamModels;
  const upstreamModels = (Array.isArray(picked) ? picked.map(String) : list(text(raw, "upstreamModels")))
    .map((model) => model.trim())
    .filter((model) => model !== "" && model.length <= 200);
  if (upstreamModels.length === 0) issues.add("upstreamModels", "required");
  return issues.result({ providerId, upstreamModels: [...new Set(upstreamModels)] });
}

// ---------- a customer's own providers (bring your own provider) ----------

/** The <name> of byo/<name>/<model>: a short lower-case slug, no dots (they read as part of the model). */
const BYO_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export interface ByoKeyInput {
  label: string;
  secret: string;
}

export interface ByoProviderInput extends ByoKeyInput {
  name: string;
  baseUrl: string;
}

function byoKey(raw: Raw, issues: Collector): ByoKeyInput {
  const label = text(raw, "label") || "default";
  if (label.length > 100) issues.add("label", "too_long");
  const secret = text(raw, "secret");
  if (secret === "") issues.add("secret", "required");
  else if (secret.length > 1000) issues.add("secret", "too_long");
  return { label, secret };
}

/** A customer's endpoint: its name, base URL and first key (only the format: the address is checked apart). */
export function checkByoProviderInput(raw: Raw): Checked<ByoProviderInput> {
  const issues = new Collector();
  const name = text(raw, "name").toLowerCase();
  if (name === "") issues.add("name", "required");
  else if (!BYO_NAME.test(name)) issues.add("name", "invalid_byo_name");
  const url = baseUrl(raw, "baseUrl", issues);
  return issues.result({ name, baseUrl: url, ...byoKey(raw, issues) });
}

export function checkByoKeyInput(raw: Raw): Checked<ByoKeyInput> {
  const issues = new Collector();
  return issues.result(byoKey(raw, issues));
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const BYO_MODEL_ID = /^[^\s\u0000-\u001f\u007f]{1,200}$/;

/** The models picked: ticked boxes (`models`, any number) and typed ids (`typedModels`, comma or line separated). */
export function checkByoModelsInput(raw: Raw): Checked<string[]> {
  const issues = new Collector();
  const ticked = raw.models === undefined ? [] : Array.isArray(raw.models) ? raw.models : [raw.models];
  const ids = [
    ...new Set([...ticked.map((id) => String(id).trim()).filter(Boolean), ...list(text(raw, "typedModels"))]),
  ];
  if (ids.some((id) => !BYO_MODEL_ID.test(id)) || ids.length > 500) issues.add("typedModels", "invalid_model_ids");
  return issues.result(ids.sort());
}
