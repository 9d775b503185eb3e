// A runnable sample of the site: a request in curl, Python (the official `openai` package) and Node (the `openai`
// npm package), built for the site's origin and a model. Every sample is listed once in lib/docs/site-samples.ts, and
// tests/docs-samples.test.ts runs each against the app with its providers pointed at local stand-ins: a sample that
// no longer works fails the build, so the docs cannot drift from the API.
import { type CodeSample, LANGUAGE_LABELS, type SampleLanguage } from "./code-sample";

export interface SampleContext {
  /** The site's origin, without a trailing slash: the samples call `${origin}/v1`. */
  origin: string;
  /** The chat model the reader picked (the docs' model picker), or the default. */
  model: string;
}

/**
 * What a run must print, per language or for all three, checked by the sample runner against the test stand-ins
 * (the OpenAI stand-in answers a chat with "You said: <the last user message>"; tools and JSON answers follow the
 * schema asked for). Patterns are matched against standard output.
 */
export type SampleExpectation = Partial<Record<SampleLanguage | "all", RegExp | RegExp[]>>;

export interface SiteSample {
  /** Unique on the site: "<page>/<name>". */
  id: string;
  /** True when the sample's model is the chat model the docs' picker chooses (embeddings and images keep theirs). */
  followsModelPicker: boolean;
  code: (context: SampleContext) => Record<SampleLanguage, string>;
  expect: SampleExpectation;
}

const ORDER: readonly SampleLanguage[] = ["curl", "python", "node"];

/** The tabs of a sample, in the site's order. */
export function codeSamples(sample: SiteSample, context: SampleContext): CodeSample[] {
  const code = sample.code(context);
  return ORDER.map((language) => ({ language, label: LANGUAGE_LABELS[language], code: code[language] }));
}

/** A chat sample whose model the picker changes. */
export function chatSample(id: string, code: SiteSample["code"], expect: SampleExpectation): SiteSample {
  return { id, followsModelPicker: true, code, expect };
}

/** A sample with a model of its own (an embedding or image model), which the picker leaves alone. */
export function fixedModelSample(id: string, code: SiteSample["code"], expect: SampleExpectation): SiteSample {
  return { id, followsModelPicker: false, code, expect };
}

/** JSON on one line, spaced as people write it: {"role": "user", "content": "Hi"}. */
export function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value).map(([name, field]) => `${JSON.stringify(name)}: ${inlineJson(field)}`);
    return `{${fields.join(", ")}}`;
  }
  return JSON.stringify(value);
}

/** JSON indented by two, each top-level field on its own line, nested values inline. */
function bodyJson(body: Record<string, unknown>, indent: string): string {
  const fields = Object.entries(body).map(
    ([name, field]) => `${indent}  ${JSON.stringify(name)}: ${inlineJson(field)}`,
  );
  return `{\n${fields.join(",\n")}\n${indent}}`;
}

export interface CurlOptions {
  /** Extra request headers, written as given ("x-api-key: $SWITCHYARD_API_KEY"). */
  headers?: string[];
  /** Replaces the Bearer header (the x-api-key example). */
  authHeader?: string;
  /** curl flags before the URL, e.g. "-N" for a stream, "-i" to show headers. */
  flags?: string[];
}

/**
 * A curl command against `${origin}/v1/${path}`, with the key from $SWITCHYARD_API_KEY. The body goes in single quotes for the shell; a quote inside a value
 * would end them, so it is written '\'' (end, an escaped quote, start again).
 */
export function curl(
  origin: string,
  path: string,
  body: Record<string, unknown> | undefined,
  options: CurlOptions = {},
): string {
  const flags = options.flags?.length ? `${options.flags.join(" ")} ` : "";
  // curl sends a GET without a body and a POST with one.
  const lines = [`curl ${flags}${origin}/v1/${path}`];
  lines.push(`-H "${options.authHeader ?? "Authorization: Bearer $SWITCHYARD_API_KEY"}"`);
  for (const header of options.headers ?? []) lines.push(`-H "${header}"`);
  if (body !== undefined) {
    lines.push(`-H "Content-Type: application/json"`);
    lines.push(`-d '${bodyJson(body, "  ").replaceAll("'", `'\\''`)}'`);
  }
  return lines.map((line, index) => (index === 0 ? line : `  ${line}`)).join(" \\\n");
}

/** A string literal for Python and JavaScript alike (JSON's escapes are valid in both). */
export function literal(value: string): string {
  return JSON.stringify(value);
}

export function pythonClient(origin: string): string {
  return `import os
from openai import OpenAI

client = OpenAI(
    base_url=${literal(`${origin}/v1`)},
    api_key=os.environ["SWITCHYARD_API_KEY"],
)`;
}

export function nodeClient(origin: string): string {
  return `import OpenAI from "openai";

const client = new OpenAI({
  baseURL: ${literal(`${origin}/v1`)},
  apiKey: process.env.SWITCHYARD_API_KEY,
});`;
}
