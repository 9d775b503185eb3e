// Which running process this is, as recorded beside the things it holds (credit leases, open requests, its
// heartbeat), and whether another such process on this machine is gone. A restart on the same host must reclaim what
// the process before it held at once; a second process started by mistake on the same port while the first still
// runs must reclaim nothing. So an id names its host and process id, and a process on this host is gone exactly when
// that pid no longer runs: a precise answer, unlike a heartbeat's age.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

const host = hostname();

export const instanceId = `${host}:${process.pid}:${randomBytes(6).toString("hex")}`;

/** The ids' prefix for this machine, for finding what processes here held. */
export const localInstancePrefix = `${host}:`;

/** Another process of this machine (by its id) that no longer runs; false for other machines' and for live ones. */
export function isGoneLocalInstance(id: string): boolean {
  if (!id.startsWith(localInstancePrefix)) return false;
  const pid = Number(id.slice(localInstancePrefix.length).split(":")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
