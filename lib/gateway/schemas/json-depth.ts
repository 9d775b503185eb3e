// A bound on how deeply a request body nests. Parsing is iterative and copes with any depth, but the code after it
// is not: serialising, validating or translating a body 10,000 levels deep overflows the stack, and that must be the
// client's 400, not our 500, and never an upstream failure held against a key.
export const MAX_JSON_DEPTH = 64;

/** How deeply the JSON text nests ({ and [ outside strings): one pass over the characters, no allocation. */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92 /* \ */) index++;
      else if (code === 34 /* " */) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 123 /* { */ || code === 91 /* [ */) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (code === 125 /* } */ || code === 93 /* ] */) depth--;
  }
  return deepest;
}

interface Frame {
  value: unknown;
  depth: number;
  segment: string | number | undefined;
  parent: Frame | undefined;
}

/** The path to the first value nested deeper than `limit` (["tools", 0, "function", …]); undefined when none is. */
export function tooDeepPath(value: unknown, limit = MAX_JSON_DEPTH): Array<string | number> | undefined {
  const stack: Frame[] = [{ value, depth: 0, segment: undefined, parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if (typeof frame.value !== "object" || frame.value === null) continue;
    if (frame.depth >= limit) {
      const path: Array<string | number> = [];
      for (let at: Frame | undefined = frame; at?.segment !== undefined; at = at.parent) path.unshift(at.segment);
      return path;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(frame.value)
      ? [...frame.value.entries()]
      : Object.entries(frame.value);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [segment, child] = entries[index];
      stack.push({ value: child, depth: frame.depth + 1, segment, parent: frame });
    }
  }
  return undefined;
}
