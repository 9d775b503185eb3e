// Per-key cool-downs after 429s, auth failures and repeated errors. In memory for now; issue 3 shares it.
const coolingUntil = new Map<string, number>();

export function coolDown(keyId: string, milliseconds: number): void {
  const until = Date.now() + milliseconds;
  if ((coolingUntil.get(keyId) ?? 0) < until) coolingUntil.set(keyId, until);
}

export function isCoolingDown(keyId: string): boolean {
  const until = coolingUntil.get(keyId);
  if (until === undefined) return false;
  if (until <= Date.now()) {
    coolingUntil.delete(keyId);
    return false;
  }
  return true;
}

export function resetKeyHealthForTests(): void {
  coolingUntil.clear();
}
