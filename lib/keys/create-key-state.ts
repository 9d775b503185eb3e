// What the create-key form shows after its server action: nothing yet, an error, or the new key (once).
export type CreateKeyState =
  | { status: "idle" }
  | { status: "error"; message: string }
  | { status: "created"; key: string; name: string };
