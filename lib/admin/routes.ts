// The catalog as MCP reads it, and new routes (deployments) for a model. NOTE for merging: branch `catalog` brings
// lib/admin/catalog/ (models, deployments) for the console; once it is on main, the MCP tools should call its
// functions and this file shrink to what they lack. A route change is announced on "catalog", so every instance's
// catalog reloads within a second.
import "../server-only";
import { z } from "zod";
import { announceChange } from "../control-plane/changes";
import { db } from "../db/client";
import type { ModelStatus } from "../db/generated/enums";
import { AdminError } from "./admin-error";
import { type Actor, recordAudit } from "./audit";

/** The catalog's models, optionally only those whose id or name contains `query`, or with one status. */
export async function listModels(filter: { query?: string; status?: ModelStatus } = {}) {
  const text = filter.query?.trim();
  return db().model.findMany({
    where: {
      ...(text
        ? {
            OR: [
              { id: { contains: text, mode: "insensitive" } },
              { displayName: { contains: text, mode: "insensitive" } },
            ],
          }
        : {}),
      ...(filter.status ? { status: filter.status } : {}),
    },
    orderBy: { id: "asc" },
    select: {
      id: true,
      displayName: true,
      kind: true,
      status: true,
      providerId: true,
      contextLength: true,
      inputPriceMicros: true,
      cachedInputPriceMicros: true,
      outputPriceMicros: true,
      markupBps: true,
      aliases: { select: { alias: true } },
    },
  });
}

/** Each model's deployments in the order they are tried (priority, then weight); one model's when `model` is given. */
export async function listRoutes(model?: string) {
  if (model !== undefined && !(await db().model.findUnique({ where: { id: model }, select: { id: true } }))) {
    throw new AdminError(`No model with id ${model} (see list_models)`, "model");
  }
  return db().deployment.findMany({
    where: model === undefined ? {} : { modelId: model },
    orderBy: [{ modelId: "asc" }, { priority: "asc" }, { weight: "desc" }, { createdAt: "asc" }],
    select: {
      id: true,
      modelId: true,
      providerId: true,
      upstreamModel: true,
      priority: true,
      weight: true,
      enabled: true,
      createdAt: true,
    },
  });
}

export const routeInputSchema = z.object({
  model: z.string().trim().min(1).max(200),
  provider: z.string().trim().min(1).max(100),
  upstreamModel: z.string().trim().min(1, "The upstream model id is required").max(200),
  priority: z.number().int().min(0).max(1000).default(0),
  weight: z.number().int().min(1).max(1000).default(1),
  enabled: z.boolean().default(true),
});

export type RouteInput = z.input<typeof routeInputSchema>;

/** Adds a deployment for a model: the data plane serves it within a second. */
export async function createRoute(actor: Actor, input: RouteInput) {
  const parsed = routeInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AdminError(issue?.message ?? "Not valid", String(issue?.path[0] ?? ""));
  }
  const route = parsed.data;
  return db().$transaction(async (tx) => {
    if (!(await tx.model.findUnique({ where: { id: route.model }, select: { id: true } })))
      throw new AdminError(`No model with id ${route.model} (see list_models)`, "model");
    if (!(await tx.provider.findUnique({ where: { id: route.provider }, select: { id: true } }))) {
      const known = await tx.provider.findMany({ select: { id: true }, orderBy: { id: "asc" } });
      throw new AdminError(
        `No provider with id ${route.provider}; known: ${known.map((provider) => provider.id).join(", ")}`,
        "provider",
      );
    }
    const existing = await tx.deployment.findUnique({
      where: {
        modelId_providerId_upstreamModel: {
          modelId: route.model,
          providerId: route.provider,
          upstreamModel: route.upstreamModel,
        },
      },
      select: { id: true },
    });
    if (existing)
      throw new AdminError(`${route.model} already has a route to ${route.provider} ${route.upstreamModel}`, "model");
    const created = await tx.deployment.create({
      data: {
        modelId: route.model,
        providerId: route.provider,
        upstreamModel: route.upstreamModel,
        priority: route.priority,
        weight: route.weight,
        enabled: route.enabled,
      },
    });
    await recordAudit(tx, actor, {
      action: "route.create",
      target: { type: "deployment", id: created.id },
      after: route,
    });
    await announceChange(tx, "catalog");
    return created;
  });
}
