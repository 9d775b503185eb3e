// The samples of /docs/anthropic-messages (each one run by tests/docs-samples.test.ts).
import type { SiteSample } from "../sample";

export const samples = {} satisfies Record<string, SiteSample>;
