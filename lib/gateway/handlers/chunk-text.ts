// An OpenAI-compatible upstream's chunk sent on in its own text, with the gateway's changes made in the text: the
// public model id in place of the upstream's, and the `"usage": null` that usage asked upstream for metering adds to
// every chunk left out for a client that did not ask for usage. Parsing the chunk is needed anyway (the relay reads
// usage, finish reasons and what was delivered from it); serialising it again is not, and it was most of the output's
// cost per chunk. Anything the text does not show plainly (a key written twice, or with escapes, a nested object with
// the same key) gives undefined, and the caller serialises the parsed chunk as before: same JSON, either way.

/** What the text is changed from: the chunk as parsed from it (its `model`, and whether it carries `usage`). */
export interface ParsedChunk {
  model?: unknown;
  usage?: unknown;
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

/** JSON's whitespace (space, tab, line feed, carriage return). */
function isSpace(character: string | undefined): boolean {
  return character === " " || character === "\t" || character === "\n" || character === "\r";
}

function skipSpace(text: string, at: number): number {
  let index = at;
  while (isSpace(text[index])) index += 1;
  return index;
}

/** The member from `start` to `end` left out, with the comma that separates it from its neighbour. */
function withoutMember(text: string, start: number, end: number): string {
  let before = start - 1;
  while (before >= 0 && isSpace(text[before])) before -= 1;
  if (text[before] === ",") return text.slice(0, before) + text.slice(end);
  const after = skipSpace(text, end);
  if (text[after] === ",") return text.slice(0, start) + text.slice(after + 1);
  return text.slice(0, start) + text.slice(end);
}

/**
 * The text changer for one stream: `model` is the id the client is shown; `dropNullUsage` leaves out `"usage": null`
 * (a client that did not ask for usage). Gives the chunk's text with the changes made, or undefined when the text
 * does not show them plainly. OpenAI's own compact form (the model member as it was last seen, `"usage":null` last)
 * is changed in a few scans; anything else is looked at member by member.
 */
export function chunkTextChanger(
  model: string,
  dropNullUsage: boolean,
): (text: string, chunk: ParsedChunk) => string | undefined {
  const publicMember = `"model":${JSON.stringify(model)}`;
  let upstreamModel: string | undefined;
  let upstreamMember = "";
  return (text, chunk) => {
    if (typeof chunk.model !== "string") return undefined;
    let changed = text;
    if (dropNullUsage && chunk.usage !== undefined) {
      if (chunk.usage !== null) return undefined;
      const usage = text.endsWith(NULL_USAGE_LAST)
        ? { start: text.length - NULL_USAGE_LAST.length + 1, end: text.length - 1 }
        : member(text, "usage", "null");
      if (!usage || text.indexOf('"usage"') !== usage.start) return undefined;
      changed = withoutMember(text, usage.start, usage.end);
    }
    if (chunk.model !== upstreamModel) {
      upstreamModel = chunk.model;
      upstreamMember = `"model":${JSON.stringify(chunk.model)}`;
    }
    let at = changed.indexOf(upstreamMember);
    let end = at + upstreamMember.length;
    if (at < 0 || changed.indexOf('"model"') !== at || changed.indexOf('"model"', at + 1) >= 0) {
      const found = member(changed, "model", JSON.stringify(chunk.model));
      if (!found) return undefined;
      at = found.start;
      end = found.end;
    }
    return changed.slice(0, at) + publicMember + changed.slice(end);
  };
}

/** `"usage":null` as OpenAI writes it: the last member, compact. */
const NULL_USAGE_LAST = ',"usage":null}';
