import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { firstBlockedFolder, type Account } from "./folder-access";

// Root enters every folder, so as root the tree is given to a made-up owner to judge the owner's class at all.
const isRoot = process.getuid?.() === 0;
const owner: Account = isRoot ? { uid: 4242, gid: 4242 } : { uid: process.getuid!(), gid: process.getgid!() };
const stranger: Account = { uid: owner.uid + 1000, gid: owner.gid + 1000 };
const groupMate: Account = { uid: stranger.uid, gid: owner.gid };

const base = mkdtempSync(join(tmpdir(), "folder-access-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function folder(path: string, mode: number): string {
  mkdirSync(path);
  if (isRoot) chownSync(path, owner.uid, owner.gid);
  chmodSync(path, mode);
  return path;
}

describe("firstBlockedFolder", () => {
  chmodSync(base, 0o755);
  const open = folder(join(base, "open"), 0o755);
  const closed = folder(join(open, "closed"), 0o700);
  const inner = folder(join(closed, "inner"), 0o755);

  it("names the first folder on the way that another account may not enter", () => {
    expect(firstBlockedFolder(inner, stranger)).toBe(closed);
    expect(firstBlockedFolder(join(inner, "not-made-yet", "deeper"), stranger)).toBe(closed);
    expect(firstBlockedFolder(open, stranger)).toBeUndefined();
    expect(firstBlockedFolder(inner, owner)).toBeUndefined();
    expect(firstBlockedFolder(inner, { uid: 0, gid: 0 })).toBeUndefined();
  });

  it("judges by the class the account falls in: owner, else group, else others", () => {
    chmodSync(closed, 0o710);
    expect(firstBlockedFolder(inner, groupMate)).toBeUndefined();
    expect(firstBlockedFolder(inner, stranger)).toBe(closed);
    // The owner's own bits decide for the owner, even when others may enter.
    chmodSync(closed, 0o071);
    expect(firstBlockedFolder(inner, owner)).toBe(closed);
    expect(firstBlockedFolder(inner, stranger)).toBeUndefined();
    chmodSync(closed, 0o700);
  });
});
