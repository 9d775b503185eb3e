// The playground's requests are charged like any other request, through a key: the signed-in user's key named
// "Playground", made on first use. It is listed with their other keys (its spend, its limits, revocable); its secret
// is never shown, nor kept: the playground finds the key by its owner, not by a secret. A revoked or expired one is
// replaced by a new one at the next use.
import "../server-only";
import { generateApiKey } from "../auth/api-keys";
import { db } from "../db/client";
import { PRINCIPAL_KEY_COLUMNS, toPrincipal, type Principal } from "../gateway/auth";

export const PLAYGROUND_KEY_NAME = "Playground";

/** As for keys sent with requests (auth.ts): a revocation or a limit changed on the keys page applies within a second. */
const CACHE_TTL_MS = 1_000;
const CACHE_MAX_ENTRIES = 10_000;
const cache = new Map<string, { principal: Principal; fetchedAt: number }>();

function usableKey(userId: string) {
  return {
    userId,
    name: PLAYGROUND_KEY_NAME,
    revokedAt: null,
    OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
  };
}

/** The principal of `userId`'s playground key, made if they have none in use. */
export async function playgroundPrincipal(userId: string): Promise<Principal> {
  const cached = cache.get(userId);
  if (cached && Date.now() - cached.fetchedAt <= CACHE_TTL_MS) return cached.principal;
  const found = toPrincipal(
    await db().apiKey.findFirst({
      where: usableKey(userId),
      orderBy: { createdAt: "asc" },
      select: PRINCIPAL_KEY_COLUMNS,
    }),
  );
  const principal = found ?? (await createPlaygroundKey(userId));
  if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
  cache.set(userId, { principal, fetchedAt: Date.now() });
  return principal;
}

async function createPlaygroundKey(userId: string): Promise<Principal> {
  return db().$transaction(async (transaction) => {
    // First requests sent at once make one key: they queue on the user's row, and the later ones find the key made.
    await transaction.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    const existing = await transaction.apiKey.findFirst({
      where: usableKey(userId),
      orderBy: { createdAt: "asc" },
      select: PRINCIPAL_KEY_COLUMNS,
    });
    if (existing) return toPrincipal(existing) as Principal;
    const generated = generateApiKey();
    const created = await transaction.apiKey.create({
      data: {
        userId,
        name: PLAYGROUND_KEY_NAME,
        keyHash: generated.keyHash,
        prefix: generated.prefix,
        lastFour: generated.lastFour,
      },
      select: PRINCIPAL_KEY_COLUMNS,
    });
    return toPrincipal(created) as Principal;
  });
}
