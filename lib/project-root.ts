// The repository's folder, for files read at run time (migrations). Found from this module's own folder, one level
// below the repository: so it holds under tsx and in the bundles scripts/launch.mjs writes to .run/, also one level
// below.
import { resolve } from "node:path";

export const PROJECT_ROOT = resolve(import.meta.dirname, "..");
