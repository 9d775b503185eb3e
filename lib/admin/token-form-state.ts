// What the admin tokens page's mint form shows after its server action. Client-safe: no server imports here.
export type MintTokenState =
  | { status: "idle" }
  | { status: "error"; message: string; name: string }
  | { status: "minted"; token: string; name: string };
