import { describe, expect, it } from "vitest";
import { splitFences } from "./message-text";

describe("an answer's fenced code", () => {
  it("is told apart from prose, language line dropped", () => {
    expect(splitFences("Run this:\n```bash\nnpm start\n```\nThen open it.")).toEqual([
      { kind: "prose", text: "Run this:\n" },
      { kind: "code", text: "npm start" },
      { kind: "prose", text: "Then open it." },
    ]);
  });

  it("runs to the end while the fence is still open (mid-stream)", () => {
    expect(splitFences("Here:\n```py\nprint(1)")).toEqual([
      { kind: "prose", text: "Here:\n" },
      { kind: "code", text: "print(1)" },
    ]);
  });

  it("leaves prose without fences whole", () => {
    expect(splitFences("Just `inline` code.")).toEqual([{ kind: "prose", text: "Just `inline` code." }]);
  });
});
