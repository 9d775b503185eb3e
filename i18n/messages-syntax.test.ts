// Every message parses as ICU, in every language. A brace meant literally ({"include_usage": true}) must be quoted
// ('{"include_usage": true}'); unquoted, next-intl cannot parse the message and the page shows its key instead.
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./locales";
import { MESSAGES } from "./messages";

type Tree = { [key: string]: string | Tree };

function leafKeys(tree: Tree, prefix = ""): Array<{ key: string; text: string }> {
  return Object.entries(tree).flatMap(([name, value]) => {
    const key = prefix ? `${prefix}.${name}` : name;
    return typeof value === "string" ? [{ key, text: value }] : leafKeys(value, key);
  });
}

/** A value for each tag and argument the text seems to use, so that only a message that cannot be parsed fails. */
function valuesFor(text: string): Record<string, number | ((chunks: unknown) => unknown)> {
  const values: Record<string, number | ((chunks: unknown) => unknown)> = {};
  for (const match of text.matchAll(/<([\w-]+)>/g)) values[match[1]] = (chunks) => chunks;
  for (const match of text.matchAll(/\{\s*(\w+)/g)) values[match[1]] ??= 1;
  return values;
}

describe.each(LOCALES)("the %s messages", (locale) => {
  it("all parse", () => {
    const invalid: string[] = [];
    const messages = MESSAGES[locale] as unknown as Tree;
    const t = createTranslator({
      locale,
      messages,
      onError: (error) => {
        if (error.code === "INVALID_MESSAGE") invalid.push(error.message);
      },
    });
    for (const { key, text } of leafKeys(messages)) {
      const before = invalid.length;
      t.markup(key as never, valuesFor(text) as never);
      if (invalid.length > before) invalid[invalid.length - 1] = `${key}: ${text}`;
    }
    expect(invalid).toEqual([]);
  });
});
