// GET /models/<provider>/<model> – one model: what it costs (markup shown), what it can do, the ids it answers to, a
// ready request in curl / Python / Node, and its last hour from real traffic. The model part is a catch-all because
// ids may hold more slashes ("openrouter/meta-llama/llama-3.3-70b-instruct"). Unknown or disabled ids are 404.
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CapabilityList, StatusBadge } from "@/components/catalog/badges";
import { CopyIdButton } from "@/components/catalog/copy-id-button";
import { catalogLabels, type CatalogLabels } from "@/components/catalog/labels";
import { ModelHealth } from "@/components/catalog/model-health";
import { imageSize, Price } from "@/components/catalog/price";
import { CodeTabs } from "@/components/site/code-tabs";
import { getCatalog, resolveModelId, type Catalog } from "@/lib/catalog/catalog";
import { publicModel, type PublicModel, type PublicPrices } from "@/lib/catalog/public-models";
import { modelPageSamples } from "@/lib/catalog/public-samples";
import { env } from "@/lib/env";
import { formatUsd } from "@/lib/money";
import { siteOrigin } from "@/lib/site-origin";
import { recentHealth } from "@/lib/usage/recent-health";

type Params = Promise<{ provider: string; model: string[] }>;

const PLACEHOLDER_ORIGIN = "https://your-switchyard-host";

/** Segments arrive decoded; a model id never holds "%", so a stray escape is decoded once more, never twice. */
function modelIdFrom({ provider, model }: { provider: string; model: string[] }): string {
  const decode = (segment: string) => {
    if (!segment.includes("%")) return segment;
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  };
  return [provider, ...model].map(decode).join("/");
}

async function findModel(params: Params): Promise<{ catalog: Catalog; model: PublicModel }> {
  const catalog = await getCatalog();
  const model = publicModel(catalog, modelIdFrom(await params));
  if (!model) notFound();
  return { catalog, model };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const catalog = await getCatalog();
  const model = publicModel(catalog, modelIdFrom(await params));
  const t = await getTranslations("models.detail");
  if (!model) return { title: t("notFoundTitle") };
  return {
    title: t("metaTitle", { name: model.displayName, provider: model.providerName }),
    description: t("metaDescription", { name: model.displayName, id: model.id }),
  };
}

/** The other ids that reach this model: catalog aliases, and its bare name when no other provider has one like it. */
function otherIds(catalog: Catalog, model: PublicModel): Array<{ id: string; kind: "alias" | "bare" }> {
  const bare = model.id.slice(model.id.indexOf("/") + 1);
  const ids: Array<{ id: string; kind: "alias" | "bare" }> = model.aliases.map((alias) => ({
    id: alias,
    kind: "alias",
  }));
  if (bare !== model.id && !model.aliases.includes(bare) && resolveModelId(catalog, bare) === model.id) {
    ids.unshift({ id: bare, kind: "bare" });
  }
  return ids;
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-4">
      <h2 id={id} className="text-lg font-semibold tracking-tight">
        {title}
      </h2>
      {children}
    </section>
  );
}

function TokenPriceTable({ model, labels }: { model: PublicModel; labels: CatalogLabels }) {
  const { t } = labels;
  const free = t("price.free");
  const rows: Array<[string, keyof Omit<PublicPrices, "images" | "markupBps">]> = [
    [t("detail.priceInput"), "input"],
    [t("detail.priceCachedInput"), "cachedInput"],
    [t("detail.priceCacheWrite"), "cacheWrite"],
    [t("detail.priceOutput"), "output"],
  ];
  const shown = rows.filter(([, key]) => model.prices[key] !== null || key === "input");
  const marked = model.prices.markupBps > 0;
  const cell = "px-4 py-2.5";
  return (
    <div className="overflow-hidden rounded-xl border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm" data-testid="price-breakdown">
        <caption className="sr-only">{t("detail.pricingCaption")}</caption>
        <thead className="bg-zinc-50 text-xs text-zinc-600 dark:bg-zinc-900/60 dark:text-zinc-400">
          <tr>
            <th scope="col" className={`${cell} text-left font-medium`}>
              {t("detail.perMillion")}
            </th>
            {marked && (
              <th scope="col" className={`${cell} text-right font-medium`}>
                {t("detail.listPrice")}
              </th>
            )}
            <th scope="col" className={`${cell} text-right font-medium`}>
              {t("detail.youPay")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {shown.map(([label, key]) => (
            <tr key={key} data-price={key}>
              <th scope="row" className={`${cell} text-left font-normal`}>
                {label}
              </th>
              {marked && (
                <td className={`${cell} text-right text-zinc-600 dark:text-zinc-400`}>
                  <Price micros={model.listPrices[key]} freeLabel={free} />
                </td>
              )}
              <td className={`${cell} text-right font-medium`}>
                <Price micros={model.prices[key]} freeLabel={free} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const QUALITIES = new Set(["standard", "hd", "low", "medium", "high"]);

function ImagePriceTable({ model, labels }: { model: PublicModel; labels: CatalogLabels }) {
  const { t } = labels;
  // The catalog's tiers are the provider's words; the ones we know are translated, others shown as they are.
  const qualityName = (quality: string) => (QUALITIES.has(quality) ? t(`detail.qualityName.${quality}`) : quality);
  const cell = "px-4 py-2.5";
  return (
    <div className="overflow-hidden rounded-xl border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm" data-testid="price-breakdown">
        <caption className="sr-only">{t("detail.pricingCaption")}</caption>
        <thead className="bg-zinc-50 text-xs text-zinc-600 dark:bg-zinc-900/60 dark:text-zinc-400">
          <tr>
            <th scope="col" className={`${cell} text-left font-medium`}>
              {t("detail.quality")}
            </th>
            <th scope="col" className={`${cell} text-left font-medium`}>
              {t("detail.size")}
            </th>
            <th scope="col" className={`${cell} text-right font-medium`}>
              {t("detail.perImage")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {(model.prices.images ?? []).map((tier) => (
            <tr key={`${tier.quality}:${tier.size}`}>
              <td className={cell}>{qualityName(tier.quality)}</td>
              <td className={`${cell} tabular-nums`}>{imageSize(tier.size)}</td>
              <td className={`${cell} text-right font-medium tabular-nums`}>{formatUsd(tier.micros)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function ModelPage({ params }: { params: Params }) {
  const { catalog, model } = await findModel(params);
  const [labels, requestHeaders, health] = await Promise.all([catalogLabels(), headers(), recentHealth()]);
  const { t } = labels;
  const origin =
    siteOrigin({ authUrl: env().AUTH_URL, header: (name) => requestHeaders.get(name) }) ?? PLACEHOLDER_ORIGIN;
  const preferredSize = model.prices.images?.find((tier) => tier.size === "1024x1024")?.size;
  const samples = modelPageSamples(origin, model.id, model.kind, {
    imageSize: preferredSize ?? model.prices.images?.[0]?.size,
  });
  const ids = otherIds(catalog, model);
  const free = t("price.free");
  const markupPercent = labels.percent(model.prices.markupBps / 10_000);
  const cheapestImage = model.prices.images?.[0];

  const audio = model.kind === "speech" || model.kind === "transcription";
  const audioFact = {
    key: "audio",
    label: t(model.kind === "speech" ? "detail.factSpeech" : "detail.factTranscription"),
    value: <Price micros={model.prices.audio} freeLabel={free} />,
  };
  const facts: Array<{ key: string; label: string; value: React.ReactNode }> = audio
    ? [audioFact]
    : model.kind === "image"
      ? [
          {
            key: "image",
            label: t("detail.factImage"),
            value: cheapestImage ? t("detail.from", { price: formatUsd(cheapestImage.micros) }) : "—",
          },
          { key: "tiers", label: t("detail.factTiers"), value: labels.number(model.prices.images?.length ?? 0) },
        ]
      : [
          { key: "context", label: t("detail.factContext"), value: labels.tokens(model.contextLength) ?? "—" },
          { key: "input", label: t("detail.factInput"), value: <Price micros={model.prices.input} freeLabel={free} /> },
          ...(model.kind === "chat"
            ? [
                {
                  key: "output",
                  label: t("detail.factOutput"),
                  value: <Price micros={model.prices.output} freeLabel={free} />,
                },
                {
                  key: "maxOutput",
                  label: t("detail.factMaxOutput"),
                  value: labels.tokens(model.maxOutputTokens) ?? "—",
                },
              ]
            : []),
        ];

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-10 px-4 py-10 sm:px-6 sm:py-14">
      <div className="flex flex-col gap-5">
        <nav aria-label={t("detail.breadcrumb")} className="text-sm">
          <ol className="flex flex-wrap items-center gap-1.5 text-zinc-600 dark:text-zinc-400">
            <li>
              <Link href="/models" className="hover:text-zinc-900 hover:underline dark:hover:text-zinc-100">
                {t("heading")}
              </Link>
            </li>
            <li aria-hidden="true">/</li>
            <li>
              <Link
                href={`/models?provider=${encodeURIComponent(model.providerId)}`}
                className="hover:text-zinc-900 hover:underline dark:hover:text-zinc-100"
              >
                {model.providerName}
              </Link>
            </li>
            <li aria-hidden="true">/</li>
            <li aria-current="page" className="truncate text-zinc-900 dark:text-zinc-100">
              {model.displayName}
            </li>
          </ol>
        </nav>
        <header className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">{model.displayName}</h1>
            <StatusBadge status={model.status} label={labels.statuses[model.status]} />
          </div>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
            <span className="inline-flex items-center gap-1 rounded-md border border-zinc-200 bg-zinc-50 py-0.5 pl-2 pr-1 dark:border-zinc-800 dark:bg-zinc-900">
              <code className="break-all font-mono text-[13px] text-zinc-900 dark:text-zinc-100" data-testid="model-id">
                {model.id}
              </code>
              <CopyIdButton text={model.id} />
            </span>
            <span>
              {t("detail.byProvider", { provider: model.providerName })}
              <span aria-hidden="true"> · </span>
              {t(`detail.kind.${model.kind}`)}
            </span>
          </div>
          <CapabilityList capabilities={model.capabilities} labels={labels.capabilities} />
        </header>
        {model.status === "soon" || model.status === "unavailable" ? (
          <p
            role="note"
            className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
          >
            {t(`detail.notice.${model.status}`)}
          </p>
        ) : null}
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="model-facts">
          {facts.map((fact) => (
            <div
              key={fact.key}
              className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800"
              data-fact={fact.key}
            >
              <dt className="text-xs text-zinc-600 dark:text-zinc-400">{fact.label}</dt>
              <dd className="mt-1 text-lg font-semibold tabular-nums">{fact.value}</dd>
            </div>
          ))}
        </dl>
      </div>

      <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="flex min-w-0 flex-col gap-10">
          <Section id="model-request" title={t("detail.requestHeading")}>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {t.rich(`detail.requestIntro.${model.kind}`, {
                code: (chunks) => (
                  <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[13px] dark:bg-zinc-800">
                    {chunks}
                  </code>
                ),
              })}
            </p>
            <CodeTabs samples={samples} label={t("detail.requestTabs", { name: model.displayName })} />
          </Section>

          <Section id="model-health" title={t("detail.healthHeading")}>
            <ModelHealth stats={health ? health.models.get(model.id) : null} computedAt={health?.computedAt} />
          </Section>

          <Section id="model-pricing" title={t("detail.pricingHeading")}>
            {model.kind === "image" ? (
              <ImagePriceTable model={model} labels={labels} />
            ) : audio ? null : (
              <TokenPriceTable model={model} labels={labels} />
            )}
            <ul className="flex list-disc flex-col gap-1.5 pl-5 text-sm text-zinc-600 dark:text-zinc-400">
              <li>
                {model.prices.markupBps > 0 ? t("detail.markup", { markup: markupPercent }) : t("detail.noMarkup")}
              </li>
              {model.kind === "chat" && <li>{t("detail.billingTokens")}</li>}
              {model.kind === "chat" && model.prices.cachedInput === null && <li>{t("detail.noCachedPrice")}</li>}
              {model.kind === "image" && <li>{t("detail.billingImages")}</li>}
              {model.kind === "speech" && <li>{t("detail.billingSpeech")}</li>}
              {model.kind === "transcription" && <li>{t("detail.billingTranscription")}</li>}
              <li>
                {t.rich("detail.billingMore", {
                  link: (chunks) => (
                    <Link
                      href="/pricing"
                      className="font-medium text-zinc-900 underline underline-offset-2 dark:text-zinc-100"
                    >
                      {chunks}
                    </Link>
                  ),
                })}
              </li>
            </ul>
          </Section>
        </div>

        <aside aria-labelledby="model-ids" className="flex flex-col gap-6 lg:pt-1">
          <div className="rounded-xl border border-zinc-200 p-5 dark:border-zinc-800">
            <h2 id="model-ids" className="text-sm font-semibold">
              {t("detail.idsHeading")}
            </h2>
            <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{t("detail.idsIntro")}</p>
            <ul className="mt-3 flex flex-col gap-2 text-sm">
              <li className="flex items-center justify-between gap-2">
                <span className="flex min-w-0 items-center gap-1">
                  <code className="break-all font-mono text-[13px]">{model.id}</code>
                  <CopyIdButton text={model.id} />
                </span>
                <span className="shrink-0 text-xs text-zinc-600 dark:text-zinc-400">{t("detail.idKind.id")}</span>
              </li>
              {ids.map((other) => (
                <li key={other.id} className="flex items-center justify-between gap-2" data-alias={other.id}>
                  <span className="flex min-w-0 items-center gap-1">
                    <code className="break-all font-mono text-[13px]">{other.id}</code>
                    <CopyIdButton text={other.id} />
                  </span>
                  <span className="shrink-0 text-xs text-zinc-600 dark:text-zinc-400">
                    {t(`detail.idKind.${other.kind}`)}
                  </span>
                </li>
              ))}
            </ul>
          </div>
          <div className="rounded-xl border border-zinc-200 p-5 text-sm dark:border-zinc-800">
            <h2 className="text-sm font-semibold">{t("detail.nextHeading")}</h2>
            <ul className="mt-3 flex flex-col gap-2">
              <li>
                <Link href="/signin" className="font-medium underline underline-offset-2">
                  {t("detail.nextKey")}
                </Link>
              </li>
              <li>
                <Link href="/status" className="font-medium underline underline-offset-2">
                  {t("detail.nextStatus")}
                </Link>
              </li>
              <li>
                <Link
                  href={`/models?provider=${encodeURIComponent(model.providerId)}`}
                  className="font-medium underline underline-offset-2"
                >
                  {t("detail.nextProvider", { provider: model.providerName })}
                </Link>
              </li>
            </ul>
          </div>
        </aside>
      </div>
    </div>
  );
}
