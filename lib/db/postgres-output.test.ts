import { describe, expect, it } from "vitest";
import { recentOutput } from "./postgres-output";

describe("recentOutput", () => {
  it("tells why PostgreSQL stopped in one line: the last fatal line, without its timestamp", () => {
    const output = recentOutput();
    output.add("2026-12-04 17:29:10.185 UTC [4637] LOG:  starting PostgreSQL 18.4\n");
    output.add(
      '2026-12-04 17:29:10.185 UTC [4637] FATAL:  lock file "postmaster.pid" already exists\n' +
        "2026-12-04 17:29:10.185 UTC [4637] HINT:  Is another postmaster (PID 4242) running?\n",
    );
    expect(output.reason()).toBe('lock file "postmaster.pid" already exists');
  });

  it("falls back to the last line, and says nothing when nothing was printed", () => {
    expect(recentOutput().reason()).toBeUndefined();
    const output = recentOutput(2);
    output.add('initdb: error: directory "/x" exists but is not empty\none\ntwo\n');
    expect(output.reason()).toBe("two");
  });
});
