// Catalog models as operators edit them: prices in micro-USD, markup, status and aliases, under the data plane's money
// rule (a model is served only with a price; "free" is a price of zero on purpose). A new model gets the
// defaultMarkupBps setting when no markup is given, and a first deployment on its own provider.
import "../../server-only";
import { announceChange } from "../../control-plane/changes";
import { Prisma } from "../../db/generated/client";
import { db } from "../../db/client";
import { type Actor, recordAudit } from "../audit";
import { loadedSettings } from "../settings";
import { CatalogInputError, checkImportSelection, checkModelInput, type ModelInput } from "./catalog-input";

type Transaction = Prisma.TransactionClient;

function modelData(input: ModelInput, markupBps: number) {
  return {
    displayName: input.displayName,
    kind: input.kind,
    providerId: input.providerId,
    upstreamModel: input.upstreamModel,
    contextLength: input.contextLength,
    maxOutputTokens: input.maxOutputTokens,
    capabilities: input.capabilities,
    inputPriceMicros: input.inputPriceMicros,
    cachedInputPriceMicros: input.cachedInputPriceMicros,
    cacheWritePriceMicros: input.cacheWritePriceMicros,
    outputPriceMicros: input.outputPriceMicros,
    imagePrices: input.imagePrices
      ? Object.fromEntries(Object.entries(input.imagePrices).map(([tier, micros]) => [tier, micros.toString()]))
      : Prisma.DbNull,
    audioPriceMicros: input.audioPriceMicros,
    markupBps,
    status: input.status,
  };
}

async function modelSnapshot(tx: Transaction, id: string) {
  const model = await tx.model.findUnique({ where: { id }, include: { aliases: true } });
  if (!model) return null;
  const { aliases, createdAt: _created, updatedAt: _updated, ...fields } = model;
  return { ...fields, aliases: aliases.map((alias) => alias.alias).sort() };
}

/** The provider must exist; aliases must not name another model (or another model's alias). */
async function checkReferences(tx: Transaction, input: ModelInput, modelId: string): Promise<void> {
  if (!(await tx.provider.findUnique({ where: { id: input.providerId } })))
    throw new CatalogInputError([{ field: "providerId", code: "unknown_provider" }]);
  if (input.aliases.length === 0) return;
  const [models, aliases] = await Promise.all([
    tx.model.findMany({ where: { id: { in: input.aliases } }, select: { id: true } }),
    tx.modelAlias.findMany({ where: { alias: { in: input.aliases }, modelId: { not: modelId } } }),
  ]);
  if (models.length > 0 || aliases.length > 0) throw new CatalogInputError([{ field: "aliases", code: "taken" }]);
}

async function writeAliases(tx: Transaction, modelId: string, aliases: string[]): Promise<void> {
  await tx.modelAlias.deleteMany({ where: { modelId } });
  if (aliases.length > 0) await tx.modelAlias.createMany({ data: aliases.map((alias) => ({ alias, modelId })) });
}

export async function createModel(actor: Actor, raw: Record<string, unknown>): Promise<{ id: string }> {
  const checked = checkModelInput(raw, { creating: true });
  if (!checked.ok) throw new CatalogInputError(checked.issues);
  const input = checked.value;
  const markupBps = input.markupBps ?? (await loadedSettings()).defaultMarkupBps;
  return db().$transaction(async (tx) => {
    if (
      (await tx.model.findUnique({ where: { id: input.id } })) ||
      (await tx.modelAlias.findUnique({ where: { alias: input.id } }))
    )
      throw new CatalogInputError([{ field: "id", code: "taken" }]);
    await checkReferences(tx, input, input.id);
    await tx.model.create({ data: { id: input.id, ...modelData(input, markupBps) } });
    await tx.deployment.create({
      data: { modelId: input.id, providerId: input.providerId, upstreamModel: input.upstreamModel },
    });
    await writeAliases(tx, input.id, input.aliases);
    await recordAudit(tx, actor, {
      action: "model.create",
      target: { type: "model", id: input.id },
      after: await modelSnapshot(tx, input.id),
    });
    await announceChange(tx, "catalog");
    return { id: input.id };
  });
}

/** Every field but the id. An empty markup keeps the model's current one. Deployments are the Routes page's. */
export async function updateModel(actor: Actor, modelId: string, raw: Record<string, unknown>): Promise<void> {
  const checked = checkModelInput(raw, { creating: false });
  if (!checked.ok) throw new CatalogInputError(checked.issues);
  const input = checked.value;
  await db().$transaction(async (tx) => {
    const before = await modelSnapshot(tx, modelId);
    if (!before) throw new CatalogInputError([{ field: "", code: "unknown_model" }]);
    await checkReferences(tx, { ...input, aliases: input.aliases.filter((alias) => alias !== modelId) }, modelId);
    await tx.model.update({ where: { id: modelId }, data: modelData(input, input.markupBps ?? before.markupBps) });
    await writeAliases(
      tx,
      modelId,
      input.aliases.filter((alias) => alias !== modelId),
    );
    await recordAudit(tx, actor, {
      action: "model.update",
      target: { type: "model", id: modelId },
      before,
      after: await modelSnapshot(tx, modelId),
    });
    await announceChange(tx, "catalog");
  });
}

/** A guess from the upstream's own id, for imported entries (the operator corrects it before going live). */
export function guessKind(upstreamModel: string): ModelInput["kind"] {
  if (/embed/i.test(upstreamModel)) return "embedding";
  if (/dall-e|image|imagen|flux|stable-diffusion/i.test(upstreamModel)) return "image";
  if (/whisper|transcribe/i.test(upstreamModel)) return "transcription";
  if (/tts/i.test(upstreamModel)) return "speech";
  return "chat";
}

/**
 * Adds models picked from a provider's GET /models as "soon" entries (listed, not callable until priced and made
 * live), each with a deployment on that provider. Ids already in the catalog are skipped. Returns the ids added.
 */
export async function importModels(actor: Actor, raw: Record<string, unknown>): Promise<string[]> {
  const checked = checkImportSelection(raw);
  if (!checked.ok) throw new CatalogInputError(checked.issues);
  const { providerId, upstreamModels } = checked.value;
  const { defaultMarkupBps } = await loadedSettings();
  return db().$transaction(async (tx) => {
    if (!(await tx.provider.findUnique({ where: { id: providerId } })))
      throw new CatalogInputError([{ field: "providerId", code: "unknown_provider" }]);
    const wanted = upstreamModels.map((upstreamModel) => ({
      id: `${providerId}/${upstreamModel.replace(/^models\//, "")}`,
      upstreamModel,
    }));
    const existing = new Set(
      (await tx.model.findMany({ where: { id: { in: wanted.map((model) => model.id) } }, select: { id: true } })).map(
        (model) => model.id,
      ),
    );
    const added = wanted.filter((model) => !existing.has(model.id));
    for (const model of added) {
      await tx.model.create({
        data: {
          id: model.id,
          providerId,
          upstreamModel: model.upstreamModel,
          displayName: model.upstreamModel.replace(/^models\//, ""),
          kind: guessKind(model.upstreamModel),
          status: "soon",
          markupBps: defaultMarkupBps,
        },
      });
      await tx.deployment.create({ data: { modelId: model.id, providerId, upstreamModel: model.upstreamModel } });
      await recordAudit(tx, actor, {
        action: "model.import",
        target: { type: "model", id: model.id },
        after: {
          provider: providerId,
          upstreamModel: model.upstreamModel,
          status: "soon",
          markupBps: defaultMarkupBps,
        },
      });
    }
    if (added.length > 0) await announceChange(tx, "catalog");
    return added.map((model) => model.id);
  });
}
