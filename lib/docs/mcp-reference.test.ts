import { describe, expect, it } from "vitest";
import { mcpToolReference } from "./mcp-reference";

describe("the MCP docs' tool table", () => {
  const rows = mcpToolReference();

  it("lists every tool the server registers, with its arguments as the schema has them", () => {
    expect(rows.map((row) => row.name)).toContain("mint_key");
    const mint = rows.find((row) => row.name === "mint_key")!;
    expect(mint.mutates).toBe(true);
    expect(mint.arguments.find((argument) => argument.name === "email")).toMatchObject({
      type: "string",
      required: true,
    });
    expect(mint.arguments.find((argument) => argument.name === "models")).toMatchObject({
      type: "string[]",
      required: false,
    });
    expect(mint.arguments.find((argument) => argument.name === "rpm")?.type).toBe("integer");
  });

  it("shows nullable limits and enums in words, and describes every argument", () => {
    const update = rows.find((row) => row.name === "update_key")!;
    expect(update.arguments.find((argument) => argument.name === "rpm")?.type).toBe("integer or null");
    const models = rows.find((row) => row.name === "list_models")!;
    expect(models.arguments.find((argument) => argument.name === "status")?.type).toBe(
      '"live" | "free" | "soon" | "disabled"',
    );
    for (const row of rows) {
      expect(row.description, row.name).toBeTruthy();
      for (const argument of row.arguments) expect(argument.description, `${row.name}.${argument.name}`).toBeTruthy();
    }
  });
});
