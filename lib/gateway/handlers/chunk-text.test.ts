import { describe, expect, it } from "vitest";
import type { CatalogModel } from "../../catalog/catalog";
import type { Meter } from "../metering/meter";
import type { ChatCompletionChunk } from "../schemas/chat";
import { chunkTextChanger, type ParsedChunk } from "./chunk-text";
import { openAIStreamOutput } from "./openai-stream-output";

const model = { id: "openai/gpt-4o-mini" } as CatalogModel;
const meter = { costOf: () => 7n } as unknown as Meter;

/** What the output sends for one upstream chunk text, given the text (fast) or not (parse and serialise). */
function sent(text: string, includeUsage: boolean, verbatim: boolean): string {
  const output = openAIStreamOutput(model, includeUsage, meter, "chatcmpl-fallback");
  const chunk = JSON.parse(text) as ChatCompletionChunk;
  return output.event({ data: text }, [chunk], verbatim ? text : undefined);
}

function dataOf(frames: string): unknown {
  if (frames === "") return undefined;
  expect(frames).toMatch(/^data: .*\n\n$/s);
  return JSON.parse(frames.slice("data: ".length));
}

const chunks = [
  // OpenAI's own, with usage asked upstream for metering: "usage": null on every chunk.
  '{"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}],"usage":null}',
  // usage first, model last
  '{"usage":null,"id":"c1","choices":[{"index":0,"delta":{"content":"a"}}],"model":"m"}',
  // spaces as Python's json.dumps writes them
  '{"id": "c1", "model": "deepseek-chat", "choices": [{"index": 0, "delta": {"content": "x"}}], "usage": null}',
  // no usage member at all
  '{"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"the \\"model\\":\\"m\\" text"}}]}',
  // content that quotes the key names
  '{"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"\\"usage\\":null, \\"model\\":\\"x\\""}}],"usage":null}',
];

describe("an upstream chunk sent in its own text", () => {
  it.each(chunks)("is the same JSON as the parsed chunk serialised again: %s", (text) => {
    for (const includeUsage of [false, true]) {
      const fast = sent(text, includeUsage, true);
      expect(dataOf(fast)).toEqual(dataOf(sent(text, includeUsage, false)));
      expect((dataOf(fast) as { model: string }).model).toBe(model.id);
    }
  });

  it("keeps the upstream's text where nothing changes but the model (not serialised again)", () => {
    const text = '{"id": "c1", "model": "m", "choices": [{"index": 0, "delta": {"content": "Hi"}}]}';
    expect(sent(text, false, true)).toBe(
      'data: {"id": "c1", "model":"openai/gpt-4o-mini", "choices": [{"index": 0, "delta": {"content": "Hi"}}]}\n\n',
    );
  });

  it("leaves to the parsed chunk what the text does not show plainly", () => {
    const changedChunkText = (text: string, { chunk, dropNullUsage }: { chunk: ParsedChunk; dropNullUsage: boolean }) =>
      chunkTextChanger("public", dropNullUsage)(text, chunk);
    const change = (chunk: ParsedChunk, dropNullUsage = true) => ({ chunk, dropNullUsage });
    // A nested object with the same key: which one is the chunk's is not plain from the text.
    expect(changedChunkText('{"model":"m","choices":[{"model":"m"}]}', change({ model: "m" }))).toBeUndefined();
    // The model written with an escape.
    expect(changedChunkText('{"model":"\\u006d"}', change({ model: "m" }))).toBeUndefined();
    // No model, or not a string: the output adds or sets it.
    expect(changedChunkText('{"id":"c"}', change({}))).toBeUndefined();
    expect(changedChunkText('{"model":1}', change({ model: 1 }))).toBeUndefined();
    // Usage with numbers in it is the output's to rewrite (its cost added) or drop.
    expect(
      changedChunkText('{"model":"m","usage":{"prompt_tokens":1}}', change({ model: "m", usage: {} })),
    ).toBeUndefined();
    // "usage" twice (a key and a string value).
    expect(
      changedChunkText('{"model":"m","usage":null,"x":"usage"}', change({ model: "m", usage: null })),
    ).toBeUndefined();
    // Kept when the client asked for usage.
    expect(changedChunkText('{"model":"m","usage":null}', change({ model: "m", usage: null }, false))).toBe(
      '{"model":"public","usage":null}',
    );
  });

  it("drops a usage member wherever it stands", () => {
    const changed = (text: string) => chunkTextChanger("p", true)(text, { model: "m", usage: null });
    expect(changed('{"usage":null,"model":"m"}')).toBe('{"model":"p"}');
    expect(changed('{"model":"m","usage":null}')).toBe('{"model":"p"}');
    expect(changed('{"a":1, "usage": null, "model": "m"}')).toBe('{"a":1, "model":"p"}');
    expect(changed('{ "usage" : null }')).toBeUndefined();
    // "usage" before the last member too: not plain.
    expect(changed('{"model":"m","x":"usage","usage":null}')).toBeUndefined();
  });

  it("follows the upstream's model from chunk to chunk", () => {
    const changed = chunkTextChanger("p", false);
    expect(changed('{"model":"a","n":1}', { model: "a" })).toBe('{"model":"p","n":1}');
    expect(changed('{"model":"b","n":2}', { model: "b" })).toBe('{"model":"p","n":2}');
    expect(changed('{"model": "b","n":3}', { model: "b" })).toBe('{"model":"p","n":3}');
    expect(changed('{"model":"b","m":{"model":"b"}}', { model: "b" })).toBeUndefined();
  });
});
