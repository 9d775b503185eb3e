// Providers as operators manage them: the built-in families (lib/gateway/providers/registry.ts) and custom
// OpenAI-compatible servers added by name and base URL. Every change is audited and announced to every instance.
import "../../server-only";
import { announceChange } from "../../control-plane/changes";
import { db } from "../../db/client";
import { providerDefinition } from "../../gateway/providers/registry";
import { type Actor, recordAudit } from "../audit";
import { CatalogInputError, checkProviderInput } from "./catalog-input";

function providerSnapshot(provider: { name: string; baseUrl: string; enabled: boolean; kind: string }) {
  return { name: provider.name, baseUrl: provider.baseUrl, enabled: provider.enabled, kind: provider.kind };
}

/** Adds a custom provider (any OpenAI-compatible server); throws CatalogInputError naming the field at fault. */
export async function createCustomProvider(actor: Actor, raw: Record<string, unknown>): Promise<{ id: string }> {
  const checked = checkProviderInput(raw, { creating: true });
  if (!checked.ok) throw new CatalogInputError(checked.issues);
  const input = checked.value;
  // A built-in id is taken even before its row exists: start-up would claim it for the built-in family.
  if (providerDefinition(input.id)) throw new CatalogInputError([{ field: "id", code: "taken" }]);
  return db().$transaction(async (tx) => {
    if (await tx.provider.findUnique({ where: { id: input.id } }))
      throw new CatalogInputError([{ field: "id", code: "taken" }]);
    const provider = await tx.provider.create({
      data: { id: input.id, name: input.name, kind: "openai_compatible", baseUrl: input.baseUrl },
    });
    await recordAudit(tx, actor, {
      action: "provider.create",
      target: { type: "provider", id: provider.id },
      after: providerSnapshot(provider),
    });
    await announceChange(tx, "catalog");
    return { id: provider.id };
  });
}

/**
 * Name, base URL and enabled flag. A built-in provider's base URL may be changed too, but its <PREFIX>_BASE_URL, when
 * set, wins again at the next start (the environment is how deployments pin it).
 */
export async function updateProvider(actor: Actor, providerId: string, raw: Record<string, unknown>): Promise<void> {
  const checked = checkProviderInput(raw, { creating: false });
  if (!checked.ok) throw new CatalogInputError(checked.issues);
  const input = checked.value;
  await db().$transaction(async (tx) => {
    const before = await tx.provider.findUnique({ where: { id: providerId } });
    if (!before) throw new CatalogInputError([{ field: "", code: "unknown_provider" }]);
    const after = await tx.provider.update({
      where: { id: providerId },
      data: { name: input.name, baseUrl: input.baseUrl, enabled: input.enabled },
    });
    await recordAudit(tx, actor, {
      action: "provider.update",
      target: { type: "provider", id: providerId },
      before: providerSnapshot(before),
      after: providerSnapshot(after),
    });
    await announceChange(tx, "catalog");
  });
}

export async function setProviderEnabled(actor: Actor, providerId: string, enabled: boolean): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.provider.findUnique({ where: { id: providerId } });
    if (!before) throw new CatalogInputError([{ field: "", code: "unknown_provider" }]);
    if (before.enabled === enabled) return;
    await tx.provider.update({ where: { id: providerId }, data: { enabled } });
    await recordAudit(tx, actor, {
      action: enabled ? "provider.enable" : "provider.disable",
      target: { type: "provider", id: providerId },
      before: { enabled: before.enabled },
      after: { enabled },
    });
    await announceChange(tx, "catalog");
  });
}
