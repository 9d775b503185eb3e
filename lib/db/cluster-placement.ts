// Where the embedded cluster keeps its data. PostgreSQL refuses to run as root, so as root it runs as the `postgres`
// system user, who cannot enter a checkout in a private folder (/root is 0700; so is any folder made under umask 077).
import { createHash } from "node:crypto";
import { existsSync, realpathSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { firstBlockedFolder, type Account } from "./folder-access";

/** Where clusters go when the data folder is closed to the `postgres` user: a place every account can enter. */
export const SYSTEM_HOME = "/var/lib/switchyard";

export type ClusterPlacement =
  | { runAs: "self"; clusterDir: string }
  | { runAs: "postgres"; clusterDir: string; account: Account; blocked?: string };

/**
 * `<dataDir>/postgres` unless we are root and the `postgres` user cannot reach it; then
 * `<systemHome>/<hash of the data folder's path>/postgres`, one cluster per data folder (`.data`, `.data/test`…).
 * A cluster that already exists under the data folder stays there: moving it would start an empty one.
 * `postgresAccount` is the account the cluster runs as, given only when running as root; `blocked` is the folder
 * that account could not enter.
 */
export function placeCluster(dataDir: string, postgresAccount?: Account, systemHome = SYSTEM_HOME): ClusterPlacement {
  const localDir = join(resolve(dataDir), "postgres");
  if (!postgresAccount) return { runAs: "self", clusterDir: localDir };

  const blocked = firstBlockedFolder(localDir, postgresAccount);
  if (!blocked) return { runAs: "postgres", clusterDir: localDir, account: postgresAccount };
  if (existsSync(join(localDir, "PG_VERSION"))) {
    if (blocked === localDir) {
      // Made by `npm start` as an ordinary user, whose cluster only that user can run.
      const owner = statSync(localDir).uid;
      throw new Error(`the PostgreSQL data in ${localDir} belongs to user ${owner}; start as that user`);
    }
    throw new Error(
      `the PostgreSQL data in ${localDir} runs as the postgres user, who cannot enter ${blocked}; ` +
        `let it in (chmod o+x ${blocked}) or move the checkout to a folder it can enter`,
    );
  }
  const clusterDir = join(systemHome, dataDirHash(dataDir), "postgres");
  return { runAs: "postgres", clusterDir, account: postgresAccount, blocked };
}

/** Stable for one data folder however it is spelled (relative, through a symlink). */
export function dataDirHash(dataDir: string): string {
  const path = existsSync(dataDir) ? realpathSync(dataDir) : resolve(dataDir);
  return createHash("sha256").update(path).digest("hex").slice(0, 16);
}
