// PostgreSQL refuses two things JavaScript strings may hold: NUL (in text and jsonb alike: 22021 / "unsupported
// Unicode escape sequence") and lone UTF-16 surrogates, which are not UTF-8 at all. Anything a client or an upstream
// sent can hold them, and a row that cannot be written must never cost us a log line or a charge, so every string
// bound for a text or jsonb column passes through here. Both become U+FFFD, the replacement character.

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters PostgreSQL refuses.
const REFUSED_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A string PostgreSQL accepts in a text column. */
export function postgresText(value: string): string {
  return value.replace(REFUSED_CHARACTER, "\uFFFD");
}

export function postgresTextOrNull(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : postgresText(value);
}

// JSON.stringify writes NUL as \u0000 and a lone surrogate as \udXXX (well-formed JSON, refused by jsonb). Only an escape
// preceded by an even number of backslashes is one; "\\u0000" is a backslash followed by the text "u0000".
const REFUSED_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89ab][0-9a-f]{2}|d[c-f][0-9a-f]{2})/gi;

/**
 * JSON text PostgreSQL accepts in a jsonb column, keys included. Surrogate pairs are written by JSON.stringify as the
 * characters themselves, so every \ud800–\udfff escape it emits is a lone surrogate.
 */
export function postgresJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : text.replace(REFUSED_ESCAPE, "$1\\ufffd");
}
