// Each docs page's content, by slug (the order and URLs are lib/docs/pages.ts's).
import type { ComponentType } from "react";
import type { DocSlug } from "@/lib/docs/pages";
import type { DocPageProps } from "../doc-page";
import Quickstart from "./quickstart";
import Authentication from "./authentication";
import ChatCompletions from "./chat-completions";
import Streaming from "./streaming";
import Tools from "./tools";
import StructuredOutputs from "./structured-outputs";
import Vision from "./vision";
import Embeddings from "./embeddings";
import Images from "./images";
import Audio from "./audio";
import Models from "./models";
import AnthropicMessages from "./anthropic-messages";
import CostAndUsage from "./cost-and-usage";
import Errors from "./errors";
import RateLimits from "./rate-limits";
import Failover from "./failover";
import OwnProviders from "./own-providers";
import MigratingFromOpenai from "./migrating-from-openai";
import Integrations from "./integrations";
import Mcp from "./mcp";

export const DOC_CONTENT: Record<DocSlug, ComponentType<DocPageProps>> = {
  quickstart: Quickstart,
  authentication: Authentication,
  "chat-completions": ChatCompletions,
  streaming: Streaming,
  tools: Tools,
  "structured-outputs": StructuredOutputs,
  vision: Vision,
  embeddings: Embeddings,
  images: Images,
  audio: Audio,
  models: Models,
  "anthropic-messages": AnthropicMessages,
  "cost-and-usage": CostAndUsage,
  errors: Errors,
  "rate-limits": RateLimits,
  failover: Failover,
  "own-providers": OwnProviders,
  "migrating-from-openai": MigratingFromOpenai,
  integrations: Integrations,
  mcp: Mcp,
};
