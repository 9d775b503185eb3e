// `npm start` keeps its embedded PostgreSQL running: a cluster that stops answering (killed, crashed) is started again
// on the same port, with back-off, while the app answers 503 with Retry-After in the meantime (lib/gateway/errors.ts)
// and keeps its usage to write once the database is back (usage-writer.ts).
import pg from "pg";

export interface Supervision {
  stop(): void;
}

export interface SuperviseOptions {
  url: string;
  /** Starts the cluster again (the dead one is cleaned up first); rejects when it cannot. */
  restart(): Promise<void>;
  say(line: string): void;
  checkEveryMs?: number;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function superviseEmbedded(options: SuperviseOptions): Supervision {
  const checkEveryMs = options.checkEveryMs ?? 2_000;
  let stopped = false;
  let missed = 0;
  let backoffMs = 1_000;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (delay: number) => {
    if (!stopped) timer = setTimeout(check, delay);
  };
  const check = async () => {
    if (await answers(options.url)) {
      missed = 0;
      backoffMs = 1_000;
      return schedule(checkEveryMs);
    }
    // One missed check can be a busy server; two in a row is a cluster that is gone.
    missed += 1;
    if (missed < 2 || stopped) return schedule(checkEveryMs);
    options.say("PostgreSQL is not answering; starting it again (requests get 503 until it is back)");
    try {
      await options.restart();
      options.say("PostgreSQL is back");
      missed = 0;
      backoffMs = 1_000;
      schedule(checkEveryMs);
    } catch (error) {
      options.say(
        `PostgreSQL did not start again (${error instanceof Error ? error.message : String(error)}); next try in ${backoffMs / 1000} s`,
      );
      schedule(backoffMs);
      backoffMs = Math.min(30_000, backoffMs * 2);
    }
  };
  schedule(checkEveryMs);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
