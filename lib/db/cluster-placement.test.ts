import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dataDirHash, placeCluster } from "./cluster-placement";
import type { Account } from "./folder-access";

// An account that owns none of the test's folders, standing in for the `postgres` user.
const postgres: Account = { uid: 4343, gid: 4343 };
const systemHome = "/var/lib/switchyard";

const base = mkdtempSync(join(tmpdir(), "cluster-placement-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));
chmodSync(base, 0o755);

function checkout(name: string, mode: number): string {
  const folder = join(base, name);
  mkdirSync(join(folder, ".data"), { recursive: true });
  chmodSync(folder, mode);
  return join(folder, ".data");
}

describe("placeCluster", () => {
  const open = checkout("open", 0o755);
  const closed = checkout("closed", 0o700);

  it("keeps the cluster under the data folder when not root", () => {
    expect(placeCluster(closed)).toEqual({ runAs: "self", clusterDir: join(closed, "postgres") });
  });

  it("as root, keeps it there too when the postgres user can reach it", () => {
    expect(placeCluster(open, postgres, systemHome)).toEqual({
      runAs: "postgres",
      clusterDir: join(open, "postgres"),
      account: postgres,
    });
  });

  it("as root in a private folder, puts it under the system home, one per data folder", () => {
    const placement = placeCluster(closed, postgres, systemHome);
    expect(placement).toEqual({
      runAs: "postgres",
      clusterDir: join(systemHome, dataDirHash(closed), "postgres"),
      account: postgres,
      blocked: join(base, "closed"),
    });
    const testData = join(closed, "test");
    mkdirSync(testData);
    expect(placeCluster(testData, postgres, systemHome).clusterDir).not.toBe(placement.clusterDir);
  });

  it("names one data folder the same however it is reached", () => {
    symlinkSync(join(base, "closed"), join(base, "link"));
    expect(dataDirHash(join(base, "link", ".data"))).toBe(dataDirHash(closed));
    expect(dataDirHash(join(closed, "..", ".data"))).toBe(dataDirHash(closed));
    expect(dataDirHash(closed)).toMatch(/^[0-9a-f]{16}$/);
  });

  it("never moves a cluster that exists, and says what to do when the postgres user cannot reach it", () => {
    for (const dataDir of [open, closed]) {
      mkdirSync(join(dataDir, "postgres"));
      writeFileSync(join(dataDir, "postgres", "PG_VERSION"), "18\n");
    }
    expect(placeCluster(open, postgres, systemHome).clusterDir).toBe(join(open, "postgres"));
    const data = join(closed, "postgres");
    expect(() => placeCluster(closed, postgres, systemHome)).toThrow(
      `the PostgreSQL data in ${data} runs as the postgres user, who cannot enter ${join(base, "closed")}`,
    );
    // A cluster an ordinary user made (0700, theirs) is theirs to run.
    chmodSync(join(base, "closed"), 0o755);
    chmodSync(data, 0o700);
    expect(() => placeCluster(closed, postgres, systemHome)).toThrow(`the PostgreSQL data in ${data} belongs to user`);
  });
});
