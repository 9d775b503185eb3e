// Routes: where a model is served. Each deployment is a provider, the upstream's model name, a priority (lower first)
// and a weight (shares traffic within one priority); the data plane tries them in that order, and the next one
// after a failure, so the order is also the failover order.
import "../../server-only";
import { announceChange } from "../../control-plane/changes";
import { db } from "../../db/client";
import type { Deployment } from "../../db/generated/client";
import { type Actor, recordAudit } from "../audit";
import { CatalogInputError, checkDeploymentChange, checkDeploymentInput } from "./catalog-input";

function snapshot(deployment: {
  modelId: string;
  providerId: string;
  upstreamModel: string;
  priority: number;
  weight: number;
  enabled: boolean;
}) {
  const { modelId, providerId, upstreamModel, priority, weight, enabled } = deployment;
  return { model: modelId, provider: providerId, upstreamModel, priority, weight, enabled };
}

/** Each model's deployments in the order they are tried (priority, then weight); one model's when `modelId` is given. */
export async function listDeployments(modelId?: string): Promise<Deployment[]> {
  if (modelId !== undefined && !(await db().model.findUnique({ where: { id: modelId }, select: { id: true } }))) {
    throw new CatalogInputError([{ field: "model", code: "unknown_model" }]);
  }
  return db().deployment.findMany({
    where: modelId === undefined ? {} : { modelId },
    orderBy: [{ modelId: "asc" }, { priority: "asc" }, { weight: "desc" }, { createdAt: "asc" }],
  });
}

export async function addDeployment(actor: Actor, modelId: string, raw: Record<string, unknown>): Promise<Deployment> {
  const checked = checkDeploymentInput(raw);
  if (!checked.ok) throw new CatalogInputError(checked.issues);
  const input = checked.value;
  return db().$transaction(async (tx) => {
    if (!(await tx.model.findUnique({ where: { id: modelId } })))
      throw new CatalogInputError([{ field: "model", code: "unknown_model" }]);
    if (!(await tx.provider.findUnique({ where: { id: input.providerId } })))
      throw new CatalogInputError([{ field: "providerId", code: "unknown_provider" }]);
    const duplicate = await tx.deployment.findUnique({
      where: {
        modelId_providerId_upstreamModel: { modelId, providerId: input.providerId, upstreamModel: input.upstreamModel },
      },
    });
    if (duplicate) throw new CatalogInputError([{ field: "upstreamModel", code: "taken" }]);
    const deployment = await tx.deployment.create({ data: { modelId, ...input } });
    await recordAudit(tx, actor, {
      action: "route.create",
      target: { type: "deployment", id: deployment.id },
      after: snapshot(deployment),
    });
    await announceChange(tx, "catalog");
    return deployment;
  });
}

export async function updateDeployment(
  actor: Actor,
  deploymentId: string,
  raw: Record<string, unknown>,
): Promise<void> {
  const checked = checkDeploymentChange(raw);
  if (!checked.ok) throw new CatalogInputError(checked.issues);
  await changeDeployment(actor, deploymentId, checked.value);
}

export async function setDeploymentEnabled(actor: Actor, deploymentId: string, enabled: boolean): Promise<void> {
  await changeDeployment(actor, deploymentId, { enabled });
}

async function changeDeployment(
  actor: Actor,
  deploymentId: string,
  change: { upstreamModel?: string; priority?: number; weight?: number; enabled: boolean },
): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.deployment.findUnique({ where: { id: deploymentId } });
    if (!before) throw new CatalogInputError([{ field: "", code: "unknown_model" }]);
    const upstreamModel = change.upstreamModel ?? before.upstreamModel;
    if (upstreamModel !== before.upstreamModel) {
      const duplicate = await tx.deployment.findUnique({
        where: {
          modelId_providerId_upstreamModel: { modelId: before.modelId, providerId: before.providerId, upstreamModel },
        },
      });
      if (duplicate) throw new CatalogInputError([{ field: "upstreamModel", code: "taken" }]);
    }
    const after = await tx.deployment.update({
      where: { id: deploymentId },
      data: {
        upstreamModel,
        priority: change.priority ?? before.priority,
        weight: change.weight ?? before.weight,
        enabled: change.enabled,
      },
    });
    await recordAudit(tx, actor, {
      action: "route.update",
      target: { type: "deployment", id: deploymentId },
      before: snapshot(before),
      after: snapshot(after),
    });
    await announceChange(tx, "catalog");
  });
}

export async function removeDeployment(actor: Actor, deploymentId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.deployment.findUnique({ where: { id: deploymentId } });
    if (!before) throw new CatalogInputError([{ field: "", code: "unknown_model" }]);
    await tx.deployment.delete({ where: { id: deploymentId } });
    await recordAudit(tx, actor, {
      action: "route.delete",
      target: { type: "deployment", id: deploymentId },
      before: snapshot(before),
    });
    await announceChange(tx, "catalog");
  });
}
