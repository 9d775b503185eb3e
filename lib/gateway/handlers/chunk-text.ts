// An OpenAI-compatible upstream's chunk sent on in its own text, with the gateway's changes made in the text: the
// public model id in place of the upstream's, and the `"usage": null` that usage asked upstream for metering adds to
// every chunk left out for a client that did not ask for usage. Parsing the chunk is needed anyway (the relay reads
// usage, finish reasons and what was delivered from it); serialising it again is not, and it was most of the output's
// cost per chunk. Anything the text does not show plainly (a key written twice, or with escapes, a nested object with
// the same key) gives undefined, and the caller serialises the parsed chunk as before: same JSON, either way.

export interface ChunkTextChange {
  /** The chunk as parsed from `text` (its `model`, and whether it carries `usage`). */
  chunk: { model?: unknown; usage?: unknown };
  /** The model id the client is shown. */
  model: string;
  /** Leave out `"usage": null` (a client that did not ask for usage). */
  dropNullUsage: boolean;
}

/** Where the one member named `name` starts, its value starts and its value ends; undefined unless it is there once. */
function member(text: string, name: string, value: string): { start: number; end: number } | undefined {
  const key = `"${name}"`;
  const start = text.indexOf(key);
  // Inside a JSON string a quote is escaped, so an unescaped `"name"` is a key (or a string value, which makes two).
  if (start < 0 || text.indexOf(key, start + key.length) >= 0) return undefined;
  let at = skipSpace(text, start + key.length);
  if (text[at] !== ":") return undefined;
  at = skipSpace(text, at + 1);
  return text.startsWith(value, at) ? { start, end: at + value.length } : undefined;
}

function skipSpace(text: string, at: number): number {
  let index = at;
  while (text[index] === " " || text[index] === "\t" || text[index] === "\n" || text[index] === "\r") index += 1;
  return index;
}

/** The member from `start` to `end` left out, with the comma that separates it from its neighbour. */
function withoutMember(text: string, start: number, end: number): string {
  let before = start - 1;
  while (before >= 0 && /\s/.test(text[before])) before -= 1;
  if (text[before] === ",") return text.slice(0, before) + text.slice(end);
  const after = skipSpace(text, end);
  if (text[after] === ",") return text.slice(0, start) + text.slice(after + 1);
  return text.slice(0, start) + text.slice(end);
}

/** The chunk's text with the changes made, or undefined when the text does not show them plainly. */
export function changedChunkText(text: string, change: ChunkTextChange): string | undefined {
  const { chunk } = change;
  if (typeof chunk.model !== "string") return undefined;
  let changed = text;
  if (change.dropNullUsage && chunk.usage !== undefined) {
    if (chunk.usage !== null) return undefined;
    const usage = member(changed, "usage", "null");
    if (!usage) return undefined;
    changed = withoutMember(changed, usage.start, usage.end);
  }
  const model = member(changed, "model", JSON.stringify(chunk.model));
  if (!model) return undefined;
  return `${changed.slice(0, model.start)}"model":${JSON.stringify(change.model)}${changed.slice(model.end)}`;
}
