// Every runnable sample on the site, in one list: the docs' pages, the landing page's, and a model page of each kind.
// tests/docs-samples.test.ts runs each of them against the app; a sample shown anywhere but missing here is untested.
import { modelPageSamples } from "../catalog/public-samples";
import type { CodeSample, SampleLanguage } from "./code-sample";
import type { DocSlug } from "./pages";
import type { SampleContext, SiteSample } from "./sample";
import { samples as anthropicMessages } from "./samples/anthropic-messages";
import { samples as audio } from "./samples/audio";
import { samples as authentication } from "./samples/authentication";
import { samples as chatCompletions } from "./samples/chat-completions";
import { samples as costAndUsage } from "./samples/cost-and-usage";
import { samples as embeddings } from "./samples/embeddings";
import { samples as errors } from "./samples/errors";
import { samples as failover } from "./samples/failover";
import { samples as images } from "./samples/images";
import { samples as integrations } from "./samples/integrations";
import { landingSamples } from "./samples/landing";
import { samples as migratingFromOpenai } from "./samples/migrating-from-openai";
import { samples as models } from "./samples/models";
import { samples as ownProviders } from "./samples/own-providers";
import { samples as quickstart } from "./samples/quickstart";
import { samples as rateLimits } from "./samples/rate-limits";
import { samples as streaming } from "./samples/streaming";
import { samples as structuredOutputs } from "./samples/structured-outputs";
import { samples as tools } from "./samples/tools";
import { samples as vision } from "./samples/vision";

/** The chat model every sample shows until the reader picks another. */
export const DEFAULT_DOCS_MODEL = "openai/gpt-4o-mini";

/** Each docs page's samples, by page. */
export const DOC_SAMPLES: Record<DocSlug, Record<string, SiteSample>> = {
  quickstart,
  authentication,
  "chat-completions": chatCompletions,
  streaming,
  tools,
  "structured-outputs": structuredOutputs,
  vision,
  embeddings,
  images,
  audio,
  models,
  "anthropic-messages": anthropicMessages,
  "cost-and-usage": costAndUsage,
  errors,
  "rate-limits": rateLimits,
  failover,
  "own-providers": ownProviders,
  "migrating-from-openai": migratingFromOpenai,
  integrations,
  // The MCP page has no request to run: its commands need an admin token (tests/mcp.test.ts covers the server).
  mcp: {},
};

function byLanguage(samples: CodeSample[]): Record<SampleLanguage, string> {
  const code = Object.fromEntries(samples.map((sample) => [sample.language, sample.code]));
  return { curl: code.curl, python: code.python, node: code.node };
}

/** The samples shown outside the docs, in the same form. */
const OTHER_PAGES: SiteSample[] = [
  {
    id: "landing/change-one-line",
    followsModelPicker: true,
    code: ({ origin, model }: SampleContext) => byLanguage(landingSamples(origin, model)),
    expect: { all: /You said: Hello!/ },
  },
  {
    id: "model-page/chat",
    followsModelPicker: true,
    code: ({ origin, model }) => byLanguage(modelPageSamples(origin, model, "chat")),
    expect: { all: /You said: Say hello in one short sentence\./ },
  },
  {
    id: "model-page/embedding",
    followsModelPicker: false,
    code: ({ origin }) => byLanguage(modelPageSamples(origin, "openai/text-embedding-3-small", "embedding")),
    expect: { curl: /"embedding":/, python: /^\d+ dimensions$/m, node: /^\d+ dimensions$/m },
  },
  {
    id: "model-page/image",
    followsModelPicker: false,
    code: ({ origin }) => byLanguage(modelPageSamples(origin, "openai/dall-e-3", "image")),
    expect: { curl: /"data":/, python: /saved image\.png|https?:\/\//, node: /saved image\.png|https?:\/\// },
  },
  {
    id: "model-page/speech",
    followsModelPicker: false,
    code: ({ origin }) => byLanguage(modelPageSamples(origin, "openai/tts-1", "speech")),
    expect: { all: /saved speech\.mp3/ },
  },
  {
    id: "model-page/transcription",
    followsModelPicker: false,
    code: ({ origin }) => byLanguage(modelPageSamples(origin, "openai/whisper-1", "transcription")),
    // The test stand-in's transcript names the file it was sent.
    expect: { all: /Stand-in transcript of tone\.wav\./ },
  },
];

/** Every runnable sample on the site. */
export const SITE_SAMPLES: readonly SiteSample[] = [
  ...Object.values(DOC_SAMPLES).flatMap((page) => Object.values(page)),
  ...OTHER_PAGES,
];
