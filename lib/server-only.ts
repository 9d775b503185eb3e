// Marker import for modules that hold secrets or database access: never bundled for the browser.
// (The `server-only` package does the same inside Next; this works under tsx and vitest too.)
if (typeof window !== "undefined") throw new Error("server-only module imported in the browser");
export {};
