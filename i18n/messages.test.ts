// Every message exists in every language, with the same placeholders: no page shows a key or an English string in the
// middle of Vietnamese, and no translation drops a value the English one shows.
import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";
import { LOCALES } from "./locales";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") found.set(path, value);
    else for (const [leaf, text] of leaves(value, path)) found.set(leaf, text);
  }
  return found;
}

/** The ICU arguments a message uses: {name}, {count, plural, …}, and rich-text tags <b>…</b>. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  for (const match of message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)) names.add(match[1]);
  for (const match of message.matchAll(/<([A-Za-z][\w]*)>/g)) names.add(`<${match[1]}>`);
  return [...names].sort();
}

describe("messages", () => {
  const english = leaves(MESSAGES.en as unknown as Tree);

  it("has messages", () => {
    expect(english.size).toBeGreaterThan(10);
  });

  for (const locale of LOCALES.filter((locale) => locale !== "en")) {
    const translated = leaves(MESSAGES[locale] as unknown as Tree);
    it(`${locale} has every English key, and no key English lacks`, () => {
      expect([...english.keys()].filter((key) => !translated.has(key))).toEqual([]);
      expect([...translated.keys()].filter((key) => !english.has(key))).toEqual([]);
    });
    it(`${locale} uses the same placeholders as English in every message`, () => {
      const mismatched = [...english]
        .filter(([key]) => translated.has(key))
        .filter(([key, text]) => argumentsOf(text).join() !== argumentsOf(translated.get(key) ?? "").join())
        .map(([key]) => key);
      expect(mismatched).toEqual([]);
    });
    it(`${locale} leaves no message empty`, () => {
      expect([...translated].filter(([, text]) => text.trim() === "").map(([key]) => key)).toEqual([]);
    });
  }
});
