// A provider's API keys. The secret is write-only: encrypted (AES-256-GCM, ENCRYPTION_KEY) the moment it arrives,
// never returned, and named in the audit log only by its label and last four characters. Keys that come from the
// environment (<PREFIX>_API_KEY) follow it at every start; the console may disable them but not delete them, since
// start-up would add them again.
import "../../server-only";
import { announceChange } from "../../control-plane/changes";
import { db } from "../../db/client";
import { encryptSecret, fingerprint } from "../../security/encryption";
import { type Actor, recordAudit } from "../audit";
import { CatalogInputError, checkProviderKeyChange, checkProviderKeyInput } from "./catalog-input";

interface KeyRow {
  label: string;
  lastFour: string;
  weight: number;
  enabled: boolean;
  source: string;
}

/** How the audit log names a key: never the secret. */
function keySnapshot(key: KeyRow) {
  return { label: key.label, lastFour: key.lastFour, weight: key.weight, enabled: key.enabled, source: key.source };
}

export function isEnvironmentKey(key: { source: string }): boolean {
  return key.source === "env" || key.source === "keyless";
}

export async function addProviderKey(
  actor: Actor,
  providerId: string,
  raw: Record<string, unknown>,
): Promise<{ id: string }> {
  const checked = checkProviderKeyInput(raw);
  if (!checked.ok) throw new CatalogInputError(checked.issues);
  const { label, secret, weight } = checked.value;
  const print = fingerprint(secret);
  const encryptedKey = encryptSecret(secret);
  return db().$transaction(async (tx) => {
    if (!(await tx.provider.findUnique({ where: { id: providerId } })))
      throw new CatalogInputError([{ field: "", code: "unknown_provider" }]);
    const existing = await tx.providerKey.findUnique({
      where: { providerId_fingerprint: { providerId, fingerprint: print } },
    });
    if (existing) throw new CatalogInputError([{ field: "secret", code: "taken" }]);
    const key = await tx.providerKey.create({
      data: { providerId, label, encryptedKey, fingerprint: print, lastFour: secret.slice(-4), weight },
    });
    await recordAudit(tx, actor, {
      action: "provider_key.create",
      target: { type: "provider_key", id: key.id },
      after: { provider: providerId, ...keySnapshot(key) },
    });
    await announceChange(tx, "catalog");
    return { id: key.id };
  });
}

/** Label, weight, and in or out of service. Putting a key back in service also ends an upstream's refusal of it. */
export async function updateProviderKey(actor: Actor, keyId: string, raw: Record<string, unknown>): Promise<void> {
  const checked = checkProviderKeyChange(raw);
  if (!checked.ok) throw new CatalogInputError(checked.issues);
  await changeKey(actor, keyId, checked.value);
}

export async function setProviderKeyEnabled(actor: Actor, keyId: string, enabled: boolean): Promise<void> {
  await changeKey(actor, keyId, { enabled });
}

async function changeKey(
  actor: Actor,
  keyId: string,
  change: { label?: string; weight?: number; enabled: boolean },
): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.providerKey.findUnique({ where: { id: keyId } });
    if (!before) throw new CatalogInputError([{ field: "", code: "unknown_key" }]);
    const serviceChange =
      change.enabled === before.enabled && before.probeKind === null
        ? {}
        : change.enabled
          ? {
              enabled: true,
              disabledReason: null,
              disabledAt: null,
              probeKind: null,
              nextProbeAt: null,
              probeFailures: 0,
            }
          : {
              enabled: false,
              disabledReason: `disabled by ${actor.email}`,
              disabledAt: new Date(),
              // An operator's "off" is final until an operator turns it on: no re-test brings it back.
              probeKind: null,
              nextProbeAt: null,
            };
    const after = await tx.providerKey.update({
      where: { id: keyId },
      data: { label: change.label ?? before.label, weight: change.weight ?? before.weight, ...serviceChange },
    });
    await recordAudit(tx, actor, {
      action:
        before.enabled === after.enabled
          ? "provider_key.update"
          : after.enabled
            ? "provider_key.enable"
            : "provider_key.disable",
      target: { type: "provider_key", id: keyId },
      before: { provider: before.providerId, ...keySnapshot(before) },
      after: { provider: after.providerId, ...keySnapshot(after) },
    });
    await announceChange(tx, "catalog");
  });
}

/** Deletes a console key (its health rows go with it). A key from the environment is refused: disable it instead. */
export async function removeProviderKey(actor: Actor, keyId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.providerKey.findUnique({ where: { id: keyId } });
    if (!before) throw new CatalogInputError([{ field: "", code: "unknown_key" }]);
    if (isEnvironmentKey(before)) throw new CatalogInputError([{ field: "", code: "env_key" }]);
    await tx.providerKey.delete({ where: { id: keyId } });
    await recordAudit(tx, actor, {
      action: "provider_key.delete",
      target: { type: "provider_key", id: keyId },
      before: { provider: before.providerId, ...keySnapshot(before) },
    });
    await announceChange(tx, "catalog");
  });
}
