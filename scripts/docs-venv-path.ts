// Where the docs' sample test finds its Python: scripts/docs-venv.ts makes it.
import { join, resolve } from "node:path";

export const DOCS_VENV = resolve(import.meta.dirname, "..", ".data", "docs-venv");

export function docsVenvPython(): string {
  return join(DOCS_VENV, "bin", "python");
}
