// Messages in client components without shipping a message formatter to the browser (next-intl's client runtime and
// its ICU parser weigh ~15 KB gzipped on every page that has one). The server passes a namespace's messages as written
// (messagesFor(locale).<namespace>), and these fill them in: `{name}` placeholders, and counts written as
// { "one": …, "other": … } objects chosen by the language's plural rules. Client messages keep to that syntax.
export type Values = Record<string, string | number>;

/** `template` with each `{name}` replaced by its value; an unknown name is left as written, to be seen and fixed. */
export function fill(template: string, values: Values = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export interface PluralForms {
  one: string;
  other: string;
}

/** The form of `forms` for `count` in `locale`, with `{count}` as the locale writes numbers ("1,234 tokens"). */
export function plural(forms: PluralForms, count: number, locale: string, values: Values = {}): string {
  const template = new Intl.PluralRules(locale).select(count) === "one" ? forms.one : forms.other;
  return fill(template, { ...values, count: new Intl.NumberFormat(locale).format(count) });
}

/** "in 42 seconds", "in 3 minutes", "in 2 hours": from `now` to `until` (epoch milliseconds), in the nearest unit. */
export function relativeTime(until: number, now: number, locale: string): string {
  const seconds = Math.max(0, Math.round((until - now) / 1000));
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (seconds < 60) return format.format(seconds, "second");
  if (seconds < 3600) return format.format(Math.round(seconds / 60), "minute");
  return format.format(Math.round(seconds / 3600), "hour");
}
