import { describe, expect, it } from "vitest";
import { encodeMultipart, isMultipart, parseMultipart } from "./multipart-body";

describe("multipart bodies", () => {
  it("writes an upload that reads back as the same fields and the same bytes", async () => {
    const bytes = new Uint8Array([0, 1, 2, 255, 13, 10, 45, 45]);
    const written = encodeMultipart(
      [
        ["model", "whisper-1"],
        ["include[]", "logprobs"],
        ["include[]", "other"],
        ['odd"name', "é"],
      ],
      { name: "file", upload: { name: "a.wav", type: "audio/wav", bytes } },
    );
    expect(isMultipart(written.contentType)).toBe(true);
    const read = await parseMultipart(new Uint8Array(written.body), written.contentType);
    expect(read.fields).toEqual([
      ["model", "whisper-1"],
      ["include[]", "logprobs"],
      ["include[]", "other"],
      ['odd"name', "é"],
    ]);
    const file = read.files.get("file");
    expect(file?.name).toBe("a.wav");
    expect(file?.type).toBe("audio/wav");
    expect([...(file?.bytes ?? [])]).toEqual([...bytes]);
  });

  it("refuses a body that is not multipart as the client's mistake", async () => {
    expect(isMultipart("application/json")).toBe(false);
    expect(isMultipart("multipart/form-data")).toBe(false);
    await expect(
      parseMultipart(new Uint8Array(Buffer.from("garbage")), "multipart/form-data; boundary=x"),
    ).rejects.toMatchObject({ code: "invalid_value" });
  });
});
