// What PostgreSQL printed last, kept so that a failed initdb or start can be told in one line.

export interface RecentOutput {
  add(text: string): void;
  /** The most telling recent line — the last FATAL/PANIC/error one, else the last — without the log prefix. */
  reason(): string | undefined;
}

export function recentOutput(limit = 20): RecentOutput {
  const lines: string[] = [];
  return {
    add(text) {
      lines.push(
        ...text
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean),
      );
      lines.splice(0, Math.max(0, lines.length - limit));
    },
    reason() {
      const telling = lines.findLast((line) => /FATAL|PANIC|ERROR|error/.test(line)) ?? lines.at(-1);
      return telling?.replace(/^.*?\b(FATAL|PANIC|ERROR|LOG):\s+/, "");
    },
  };
}
