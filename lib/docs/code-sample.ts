// One block of code in several languages, as the site's code tabs show it.

export type SampleLanguage = "curl" | "python" | "node";

export interface CodeSample {
  /** What the reader's remembered choice of language matches on. */
  language: SampleLanguage;
  label: string;
  code: string;
}

export const LANGUAGE_LABELS: Record<SampleLanguage, string> = { curl: "curl", python: "Python", node: "Node.js" };
