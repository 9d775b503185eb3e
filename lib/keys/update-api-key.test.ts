import { beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../db/testing";
import { createApiKey } from "./create-api-key";
import { createKeyInput, updateKeyInput } from "./key-input";
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

const form = { name: "prod", rpmLimit: "", monthlyBudgetUsd: "", expiresOn: "", allowedModels: "", allowedIps: "" };

async function makeKey(email: string) {
  const user = await prisma().user.create({ data: { email } });
  const created = await createApiKey(
    prisma(),
    user.id,
    createKeyInput.parse({
      ...form,
      rpmLimit: "60",
      monthlyBudgetUsd: "5",
      allowedModels: "openai/gpt-4o-mini",
      allowedIps: "127.0.0.1",
      expiresOn: "2999-01-01",
    }),
  );
  if (!created.ok) throw new Error(created.error);
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
    expect(await updateApiKey(prisma(), userId, updateKeyInput.parse(edit))).toEqual({ ok: true });
    expect(await settings(keyId)).toEqual({
      name: "production",
      rpmLimit: 600,
      monthlyBudgetMicros: 25_500_000n,
      allowedModels: [],
      allowedIps: ["10.0.0.0/8", "2001:db8::/32"],
      expiresAt: new Date("3000-06-30T23:59:59.999Z"),
    });

    expect(await updateApiKey(prisma(), userId, updateKeyInput.parse({ ...form, keyId, name: "production" }))).toEqual({
      ok: true,
    });
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
    const takeover = updateKeyInput.parse({ ...form, keyId: owner.keyId, name: "mine now", allowedIps: "0.0.0.0/0" });

    expect(await updateApiKey(prisma(), intruder.id, takeover)).toEqual({ ok: false, error: "Key not found." });
    expect(await updateApiKey(prisma(), owner.userId, { ...takeover, keyId: "no-such-key" })).toEqual({
      ok: false,
      error: "Key not found.",
    });
    expect(await settings(owner.keyId)).toEqual(before);

    expect(await revokeApiKey(prisma(), owner.userId, owner.keyId)).toBe("revoked");
    expect(await updateApiKey(prisma(), owner.userId, takeover)).toEqual({ ok: false, error: "Key not found." });
    expect(await settings(owner.keyId)).toEqual(before);
  });

  it("refuses a model allow-list naming unknown models, as on create", async () => {
    const { userId, keyId } = await makeKey("models-edit@example.test");
    const before = await settings(keyId);
    const edit = updateKeyInput.parse({ ...form, keyId, allowedModels: "openai/gpt-4o-mini, no/such-model" });
    expect(await updateApiKey(prisma(), userId, edit)).toEqual({
      ok: false,
      error: "Unknown model id(s): no/such-model",
    });
    expect(await settings(keyId)).toEqual(before);
  });
});
