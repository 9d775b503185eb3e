// Whether another local account can reach a path: as root, PostgreSQL runs as the `postgres` user, and a spawn
// as that user fails with EACCES when any folder on the way to its binaries or its data is closed to it.
import { statSync } from "node:fs";
import { dirname, parse, resolve } from "node:path";

/** A local account as a child process spawned with `{ uid, gid }` runs: Node drops supplementary groups then. */
export interface Account {
  uid: number;
  gid: number;
}

/**
 * The first folder, from `/` down to `path`, that `account` may not enter (search permission), or undefined when
 * it may enter them all. Folders that do not exist yet are not judged: whoever creates them chooses their mode.
 * POSIX classes only (owner, else group, else others); an ACL that opens a folder is not seen.
 */
export function firstBlockedFolder(path: string, account: Account): string | undefined {
  for (const folder of foldersDownTo(resolve(path))) {
    let mode: number;
    let owner: number;
    let group: number;
    try {
      ({ mode, uid: owner, gid: group } = statSync(folder));
    } catch {
      return undefined;
    }
    if (account.uid === 0) continue;
    const searchBit = owner === account.uid ? 0o100 : group === account.gid ? 0o010 : 0o001;
    if ((mode & searchBit) === 0) return folder;
  }
  return undefined;
}

function foldersDownTo(path: string): string[] {
  const folders: string[] = [];
  for (let folder = path; ; folder = dirname(folder)) {
    folders.unshift(folder);
    if (folder === parse(folder).root) return folders;
  }
}
