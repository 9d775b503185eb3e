// The documentation's pages, in reading order: each page's URL, the message namespace its words live in
// (messages/<locale>/docs-<slug>.json) and the group the navigation lists it under. The quickstart is /docs itself.

export const DOC_GROUPS = ["start", "api", "gateway", "guides"] as const;
export type DocGroup = (typeof DOC_GROUPS)[number];

export const DOC_SLUGS = [
  "quickstart",
  "authentication",
  "chat-completions",
  "streaming",
  "tools",
  "structured-outputs",
  "vision",
  "embeddings",
  "images",
  "audio",
  "models",
  "anthropic-messages",
  "cost-and-usage",
  "errors",
  "rate-limits",
  "failover",
  "own-providers",
  "migrating-from-openai",
  "integrations",
  "mcp",
] as const;
export type DocSlug = (typeof DOC_SLUGS)[number];

export interface DocPage {
  slug: DocSlug;
  /** The next-intl namespace of the page's words. */
  namespace: `docs-${DocSlug}`;
  group: DocGroup;
  /** The page's URL path. */
  path: string;
}

const GROUP_OF: Record<DocSlug, DocGroup> = {
  quickstart: "start",
  authentication: "start",
  "chat-completions": "api",
  streaming: "api",
  tools: "api",
  "structured-outputs": "api",
  vision: "api",
  embeddings: "api",
  images: "api",
  audio: "api",
  models: "api",
  "anthropic-messages": "api",
  "cost-and-usage": "gateway",
  errors: "gateway",
  "rate-limits": "gateway",
  failover: "gateway",
  "own-providers": "gateway",
  "migrating-from-openai": "guides",
  integrations: "guides",
  mcp: "guides",
};

export const HOME_SLUG: DocSlug = "quickstart";

export function docPath(slug: DocSlug): string {
  return slug === HOME_SLUG ? "/docs" : `/docs/${slug}`;
}

export const DOC_PAGES: readonly DocPage[] = DOC_SLUGS.map((slug) => ({
  slug,
  namespace: `docs-${slug}` as const,
  group: GROUP_OF[slug],
  path: docPath(slug),
}));

/** The page at /docs/<segments>: none is the quickstart; an unknown or nested path is undefined (a 404). */
export function docPageFor(segments: readonly string[] | undefined): DocPage | undefined {
  if (!segments || segments.length === 0) return DOC_PAGES[0];
  if (segments.length !== 1 || segments[0] === HOME_SLUG) return undefined;
  return DOC_PAGES.find((page) => page.slug === segments[0]);
}

/** The pages before and after `slug` in reading order. */
export function neighbours(slug: DocSlug): { previous?: DocPage; next?: DocPage } {
  const index = DOC_PAGES.findIndex((page) => page.slug === slug);
  return { previous: DOC_PAGES[index - 1], next: DOC_PAGES[index + 1] };
}
