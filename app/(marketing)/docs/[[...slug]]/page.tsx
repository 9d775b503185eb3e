// GET /docs, /docs/<page> – the documentation: the quickstart at /docs, every other page at its slug (lib/docs/pages.ts),
// 404 for anything else. The samples point at the host the visitor reached and use the catalog's default model; the
// model picker lists the callable chat models of the in-memory catalog. No database query per view.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, permanentRedirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DocsShell, type TocEntry } from "@/components/docs/docs-shell";
import { DOC_CONTENT } from "@/components/docs/pages";
import { getCatalog } from "@/lib/catalog/catalog";
import { publicModels } from "@/lib/catalog/public-models";
import { DOC_PAGES, type DocPage, docPageFor, HOME_SLUG } from "@/lib/docs/pages";
import { DEFAULT_DOCS_MODEL } from "@/lib/docs/site-samples";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { siteOrigin } from "@/lib/site-origin";

type Params = Promise<{ slug?: string[] }>;

const PLACEHOLDER_ORIGIN = "https://your-switchyard-host";

export function generateStaticParams(): Array<{ slug: string[] }> {
  return DOC_PAGES.map((page) => ({ slug: page.slug === HOME_SLUG ? [] : [page.slug] }));
}

async function pageOf(params: Params): Promise<DocPage> {
  const { slug } = await params;
  if (slug?.length === 1 && slug[0] === HOME_SLUG) permanentRedirect("/docs");
  const page = docPageFor(slug);
  if (!page) notFound();
  return page;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug } = await params;
  const page = docPageFor(slug);
  if (!page) return {};
  const [t, docs] = await Promise.all([getTranslations(page.namespace), getTranslations("docs")]);
  return { title: docs("metaTitle", { title: t("title") }), description: t("description") };
}

/** The callable chat models, for the picker; the default alone when the catalog cannot be read. */
async function pickerModels(): Promise<string[]> {
  try {
    const models = publicModels(await getCatalog())
      .filter((model) => model.kind === "chat" && (model.status === "live" || model.status === "free"))
      .map((model) => model.id);
    return models.includes(DEFAULT_DOCS_MODEL) ? models : [DEFAULT_DOCS_MODEL, ...models];
  } catch (error) {
    log.warn("docs: the catalog could not be read", { error });
    return [DEFAULT_DOCS_MODEL];
  }
}

export default async function DocsPage({ params }: { params: Params }) {
  const page = await pageOf(params);
  const requestHeaders = await headers();
  const origin =
    siteOrigin({ authUrl: env().AUTH_URL, header: (name) => requestHeaders.get(name) }) ?? PLACEHOLDER_ORIGIN;
  const [t, models] = await Promise.all([getTranslations(page.namespace), pickerModels()]);
  const sections = t.raw("sections") as Record<string, string>;
  const toc: TocEntry[] = Object.entries(sections).map(([id, title]) => ({ id, title }));
  const Content = DOC_CONTENT[page.slug];

  return (
    <DocsShell
      page={page}
      title={t("title")}
      description={t("description")}
      toc={toc}
      models={models}
      defaultModel={DEFAULT_DOCS_MODEL}
    >
      <Content context={{ origin, model: DEFAULT_DOCS_MODEL }} />
    </DocsShell>
  );
}
