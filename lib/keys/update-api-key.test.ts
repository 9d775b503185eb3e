import { beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../db/testing";
import { activeKeyNames, createApiKey, unknownModels } from "./create-api-key";
import { checkKeySettings, requestedModels } from "./key-settings-issues";
import { revokeApiKey } from "./revoke-api-key";
import { updateApiKey } from "./update-api-key";

const prisma = useTestPrisma("switchyard_unit_keys_update");

beforeAll(async () => {
  await prisma().provider.create({
    data: { id: "openai", name: "OpenAI", kind: "openai_compatible", baseUrl: "http://127.0.0.1:9/v1" },
  });
  await prisma().model.create({
    data: { id: "openai/gpt-4o-mini", providerId: "openai", upstreamModel: "gpt-4o-mini", displayName: "GPT-4o mini" },
  });
});

const form = {
  name: "prod",
  rpmLimit: "",
  rpdLimit: "",
  tpmLimit: "",
  concurrencyLimit: "",
  monthlyBudgetUsd: "",
  budgetPeriod: "",
  expiresOn: "",
  allowedModels: "",
  allowedIps: "",
};

/** The form checked as the dashboard's action checks it: unknown models and the user's other key names from the database. */
async function checked(userId: string, values: typeof form & { keyId?: string }) {
  const now = new Date();
  return checkKeySettings(values, {
    now,
    unknownModels: await unknownModels(prisma(), requestedModels(values)),
    takenNames: await activeKeyNames(prisma(), userId, { now, exceptKeyId: values.keyId }),
  });
}

async function settingsOf(userId: string, values: typeof form & { keyId?: string }) {
  const result = await checked(userId, values);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.settings;
}

async function makeKey(email: string) {
  const user = await prisma().user.create({ data: { email } });
  const created = await createApiKey(
    prisma(),
    user.id,
    await settingsOf(user.id, {
      ...form,
      rpmLimit: "60",
      monthlyBudgetUsd: "5",
      allowedModels: "openai/gpt-4o-mini",
      allowedIps: "127.0.0.1",
      expiresOn: "2999-01-01",
    }),
  );
  return { userId: user.id, keyId: created.id };
}

const settings = (keyId: string) =>
  prisma().apiKey.findUniqueOrThrow({
    where: { id: keyId },
    select: {
      name: true,
      rpmLimit: true,
      monthlyBudgetMicros: true,
      allowedModels: true,
      allowedIps: true,
      expiresAt: true,
    },
  });

describe("editing a key's limits", () => {
  it("changes every setting of the owner's key, and clears the limits left blank", async () => {
    const { userId, keyId } = await makeKey("editor@example.test");
    expect(await settings(keyId)).toEqual({
      name: "prod",
      rpmLimit: 60,
      monthlyBudgetMicros: 5_000_000n,
      allowedModels: ["openai/gpt-4o-mini"],
      allowedIps: ["127.0.0.1"],
      expiresAt: new Date("2999-01-01T23:59:59.999Z"),
    });

    const edit = {
      ...form,
      keyId,
      name: "production",
      rpmLimit: "600",
      monthlyBudgetUsd: "25.50",
      allowedIps: "10.0.0.0/8 2001:DB8::/32",
      expiresOn: "3000-06-30",
    };
    expect(await updateApiKey(prisma(), userId, keyId, await settingsOf(userId, edit))).toBe("saved");
    expect(await settings(keyId)).toEqual({
      name: "production",
      rpmLimit: 600,
      monthlyBudgetMicros: 25_500_000n,
      allowedModels: [],
      allowedIps: ["10.0.0.0/8", "2001:db8::/32"],
      expiresAt: new Date("3000-06-30T23:59:59.999Z"),
    });

    const cleared = await settingsOf(userId, { ...form, keyId, name: "production" });
    expect(await updateApiKey(prisma(), userId, keyId, cleared)).toBe("saved");
    expect(await settings(keyId)).toEqual({
      name: "production",
      rpmLimit: null,
      monthlyBudgetMicros: null,
      allowedModels: [],
      allowedIps: [],
      expiresAt: null,
    });
  });

  it("answers another user's key id, an unknown id and a revoked key with not found, and changes nothing", async () => {
    const owner = await makeKey("owner-edit@example.test");
    const intruder = await prisma().user.create({ data: { email: "intruder-edit@example.test" } });
    const before = await settings(owner.keyId);
    const takeover = await settingsOf(intruder.id, { ...form, name: "mine now", allowedIps: "0.0.0.0/0" });

    expect(await updateApiKey(prisma(), intruder.id, owner.keyId, takeover)).toBe("not-found");
    expect(await updateApiKey(prisma(), owner.userId, "no-such-key", takeover)).toBe("not-found");
    expect(await settings(owner.keyId)).toEqual(before);

    expect(await revokeApiKey(prisma(), owner.userId, owner.keyId)).toBe("revoked");
    expect(await updateApiKey(prisma(), owner.userId, owner.keyId, takeover)).toBe("not-found");
    expect(await settings(owner.keyId)).toEqual(before);
  });

  it("reports unknown models together with every other problem, and names other active keys' names as taken", async () => {
    const { userId, keyId } = await makeKey("models-edit@example.test");
    const other = await createApiKey(prisma(), userId, await settingsOf(userId, { ...form, name: "Staging" }));
    const result = await checked(userId, {
      ...form,
      keyId,
      name: " staging ",
      rpmLimit: "0",
      allowedModels: "openai/gpt-4o-mini, no/such-model",
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        { field: "name", code: "duplicate", name: "Staging" },
        { field: "rpmLimit", code: "tooSmall", limit: 1 },
        { field: "allowedModels", code: "unknown", models: ["no/such-model"] },
      ],
    });
    // The key's own name is not taken from it; a revoked key's name is free again.
    expect((await checked(userId, { ...form, keyId, name: "PROD" })).ok).toBe(true);
    await revokeApiKey(prisma(), userId, other.id);
    expect((await checked(userId, { ...form, keyId, name: "staging" })).ok).toBe(true);
  });
});
