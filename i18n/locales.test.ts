import { describe, expect, it } from "vitest";
import { chooseLocale, localeFromAcceptLanguage } from "./locales";

describe("choosing the language of a request", () => {
  it("takes the URL's ?lang= over the remembered choice, and that over the browser's", () => {
    expect(chooseLocale({ query: "vi", cookie: "en", acceptLanguage: "en" })).toBe("vi");
    expect(chooseLocale({ query: null, cookie: "vi", acceptLanguage: "en" })).toBe("vi");
    expect(chooseLocale({ acceptLanguage: "vi-VN,vi;q=0.9,en;q=0.8" })).toBe("vi");
  });

  it("ignores languages the site does not speak, and falls back to English", () => {
    expect(chooseLocale({ query: "fr", cookie: "de" })).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9,vi;q=0.5")).toBe("vi");
    expect(localeFromAcceptLanguage("vi;q=0,en")).toBe("en");
    expect(localeFromAcceptLanguage("*")).toBeUndefined();
  });

  it("ranks by quality, not by order", () => {
    expect(localeFromAcceptLanguage("en;q=0.4, vi;q=0.8")).toBe("vi");
  });
});
