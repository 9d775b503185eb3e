// Reads a recorded Anthropic response from this folder (tests only).
import { readFileSync } from "node:fs";

export function readFixture(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
}

export function readJsonFixture(name: string): unknown {
  return JSON.parse(readFixture(name));
}
