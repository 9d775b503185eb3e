// Key names as people tell keys apart: "Prod", " prod " and "PROD" are the same name. The dashboard refuses a second
// active key of one user under a name already taken; revoked keys free their name. (The operator CLI may give many
// keys the same name, "cli" by default, on purpose: it scripts keys, it does not tell them apart by name.)

export const MAX_KEY_NAME_LENGTH = 80;

/** The form a name is compared in: trimmed, inner runs of spaces made one, case folded. */
export function keyNameIdentity(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLocaleLowerCase("en");
}

/** The name among `takenNames` that `name` would duplicate, as it was written there; undefined when it is free. */
export function duplicateKeyName(name: string, takenNames: readonly string[]): string | undefined {
  const identity = keyNameIdentity(name);
  if (identity === "") return undefined;
  return takenNames.find((taken) => keyNameIdentity(taken) === identity);
}
