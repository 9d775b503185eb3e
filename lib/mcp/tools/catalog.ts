// The catalog: models with their prices, routes (deployments) and new routes.
import { z } from "zod";
import { CatalogInputError } from "../../admin/catalog/catalog-input";
import { addDeployment, listDeployments } from "../../admin/catalog/deployments";
import { catalogRefusal } from "../../admin/catalog/refusal";
import { listCatalogModels } from "../../admin/catalog/views";
import type { Deployment } from "../../db/generated/client";
import { microsToUsd } from "../../money";
import { defineTool, iso, model } from "../tool";

const price = (micros: bigint | null) => (micros === null ? null : microsToUsd(micros));

/** The catalog's refusals, with its inputs named as these tools name them. */
async function asTool<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CatalogInputError) {
      throw catalogRefusal(error, { providerId: "provider", upstreamModel: "upstream_model" });
    }
    throw error;
  }
}

export const listModelsTool = defineTool({
  name: "list_models",
  title: "List models",
  description:
    "The catalog: each model's id, kind, status, provider and list prices in USD per 1M tokens (audio models: " +
    "audio_usd, per 1M characters for speech, per minute for transcription).",
  input: {
    query: z.string().max(200).optional().describe("Part of a model id or name"),
    status: z.enum(["live", "free", "soon", "disabled"]).optional().describe("Only models with this status"),
  },
  mutates: false,
  async run(args) {
    const models = await listCatalogModels({ query: args.query, status: args.status });
    return {
      summary: `${models.length} model(s)`,
      data: {
        models: models.map((row) => ({
          model: row.id,
          name: row.displayName,
          kind: row.kind,
          status: row.status,
          provider: row.providerId,
          context_length: row.contextLength,
          input_usd_per_1m: price(row.inputPriceMicros),
          cached_input_usd_per_1m: price(row.cachedInputPriceMicros),
          output_usd_per_1m: price(row.outputPriceMicros),
          // Speech models: per 1M input characters; transcription models: per minute of audio.
          ...(row.kind === "speech" || row.kind === "transcription" ? { audio_usd: price(row.audioPriceMicros) } : {}),
          markup_percent: row.markupBps / 100,
          aliases: row.aliases.map((alias) => alias.alias),
        })),
      },
    };
  },
});

function routeData(route: Deployment) {
  return {
    route_id: route.id,
    model: route.modelId,
    provider: route.providerId,
    upstream_model: route.upstreamModel,
    priority: route.priority,
    weight: route.weight,
    enabled: route.enabled,
    created_at: iso(route.createdAt),
  };
}

export const listRoutesTool = defineTool({
  name: "list_routes",
  title: "List routes",
  description:
    "Where models are served: each deployment (provider, upstream model id, priority, weight, enabled), in the " +
    "order tried (lower priority first; equal priorities share traffic by weight).",
  input: { model: model.optional().describe("Only this model's routes") },
  mutates: false,
  async run(args) {
    const routes = await asTool(() => listDeployments(args.model));
    return {
      summary: `${routes.length} route(s)${args.model ? ` for ${args.model}` : ""}`,
      data: { routes: routes.map(routeData) },
    };
  },
});

export const createRouteTool = defineTool({
  name: "create_route",
  title: "Create a route",
  description: "Adds a deployment for a model: a provider and its upstream model id. Served within a second.",
  input: {
    model,
    provider: z.string().min(1).max(100).describe("A provider id, such as openai or deepseek"),
    upstream_model: z.string().min(1).max(200).describe("The model's id at that provider, such as gpt-4o-mini"),
    priority: z.number().int().min(0).max(1000).optional().describe("Lower is tried first (default 0)"),
    weight: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe("Share of traffic among equal priorities (default 1)"),
    enabled: z.boolean().optional().describe("Whether it serves at once (default true)"),
  },
  mutates: true,
  async run(args, { actor }) {
    const route = await asTool(() =>
      addDeployment(actor, args.model, {
        providerId: args.provider,
        upstreamModel: args.upstream_model,
        priority: args.priority,
        weight: args.weight,
        enabled: args.enabled,
      }),
    );
    return {
      summary: `route ${route.id}: ${route.modelId} → ${route.providerId} ${route.upstreamModel}`,
      data: routeData(route),
    };
  },
});
