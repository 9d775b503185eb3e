import { describe, expect, it } from "vitest";
import { DOC_PAGES, docPageFor, docPath, neighbours } from "./pages";

describe("the docs' pages", () => {
  it("start with the quickstart at /docs, every other page at its slug", () => {
    expect(docPageFor(undefined)?.slug).toBe("quickstart");
    expect(docPageFor([])?.slug).toBe("quickstart");
    expect(docPageFor(["errors"])?.path).toBe("/docs/errors");
    expect(docPath("quickstart")).toBe("/docs");
  });

  it("have no page for an unknown or nested path, nor a second URL for the quickstart", () => {
    expect(docPageFor(["nope"])).toBeUndefined();
    expect(docPageFor(["errors", "more"])).toBeUndefined();
    expect(docPageFor(["quickstart"])).toBeUndefined();
  });

  it("link each page to the one before and after it", () => {
    expect(neighbours("quickstart")).toEqual({ previous: undefined, next: DOC_PAGES[1] });
    expect(neighbours("mcp").next).toBeUndefined();
    expect(new Set(DOC_PAGES.map((page) => page.path)).size).toBe(DOC_PAGES.length);
  });
});
