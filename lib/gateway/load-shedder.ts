// Overload refused early and cheaply. A gateway past its capacity that keeps accepting work only grows its queue:
// every request gets slow, clients time out, and upstream calls are made (and charged) for clients already gone. So
// the server in front of Next (scripts/server.ts) decides before the body is read or Next runs: a /v1 request is
// refused with 503 and Retry-After when too many are in flight, or when the event loop is already running late — the
// direct measure of a saturated process, whatever the mix of streams and short calls; from then on, admissions are
// paced to what keeps the loop on time. The answer costs microseconds, so it still goes out in milliseconds at many
// times the capacity.
import { performance as nodePerformance } from "node:perf_hooks";
import { GatewayError } from "./errors";

export type Admission = { admitted: true; done(): void } | { admitted: false; error: GatewayError };

export interface LoadShedderOptions {
  /** Requests in flight at once (streams included, until they end). */
  maxInFlight: number;
  /** Event-loop delay, in ms, past which new requests are refused; 0 turns the check off. */
  maxEventLoopDelayMs: number;
  /**
   * For the first `forMs` after the shedder is made (the server's first seconds), a higher delay limit. A process just
   * started runs late while its code is compiled for the first time under the first requests, which passes by itself
   * within seconds: refusing then turns a 200 ms answer into an error. Overload is still refused past this limit and
   * past maxInFlight.
   */
  startUp?: { forMs: number; maxEventLoopDelayMs: number };
  /**
   * With more than `inFlight` requests in flight, a smaller delay is enough to refuse. A process at its capacity with a
   * few dozen clients (a closed loop) runs a little late and is only busy; one that is late with requests piling up is
   * past its capacity (an open-loop flood), and every request it admits then is served seconds late, behind the others.
   * This rule also reads the delay as it is now (how late the next sample already is), not only the median of the
   * last ones: at a flood's start the loop's turns grow from 10 ms to 50, 100, 300 ms, each reading hundreds of
   * requests, while the median still holds the quiet samples from before (measured: 1,200 admitted in 600 ms, served
   * 1.5 to 2 s later). The median alone stays in the other rules, where one long pause must not refuse.
   */
  busy?: { inFlight: number; maxEventLoopDelayMs: number };
  /**
   * Once a delay rule above has refused, admissions are also paced: at most a budget of them per sample period, cut
   * to `cut` of itself (a quarter off unless said) after each period in which the loop was busy more than
   * `targetUtilization` of the time or ran more than `targetDelayMs` late, and raised by a twentieth (at least one)
   * after each period it was not; the pacing ends after `releaseAfterMs` in which it refused nothing. The rules above
   * answer a delay that is already there, so alone they hold a flooded process at its limit, and a process at its
   * limit reads each connection's next request only after all the others': every answer, served or refused, then
   * waits hundreds of ms (measured at three times the capacity). Paced, it stays under its limit, where requests are
   * read as they come. Left out, no pacing.
   */
  pacing?: { targetUtilization: number; targetDelayMs: number; releaseAfterMs: number; cut?: number };
  sampleEveryMs?: number;
}

export interface LoadShedder {
  admit(): Admission;
  /** The current smoothed event-loop delay, ms (for tests and logs). */
  eventLoopDelayMs(): number;
  inFlight(): number;
  /** Admissions allowed per sample period while pacing, undefined when not (for tests and logs). */
  pacedBudget(): number | undefined;
  /** Requests asked about so far, admitted or refused: a counter of activity. */
  seen(): number;
  stop(): void;
}

/** Samples whose median is the measured delay: one long pause (a module loading, a large GC) is a single sample. */
const WINDOW = 7;

export function createLoadShedder(options: LoadShedderOptions): LoadShedder {
  const sampleEveryMs = options.sampleEveryMs ?? 20;
  let inFlight = 0;
  let seen = 0;
  let delay = 0;
  const samples: number[] = [];
  const startedAt = performance.now();
  let expected = startedAt + sampleEveryMs;
  let budget: number | undefined;
  let admittedThisPeriod = 0;
  let admittedLastPeriod = 0;
  let pacedRefusalAt = 0;
  // The share of each period the loop spent running rather than waiting for I/O (the pacing's first signal).
  let utilizationMark = nodePerformance.eventLoopUtilization();
  // A timer that should fire every sampleEveryMs: how late it fires is how late everything else runs. The delay is the
  // median of the last few samples, so it rises when the loop runs late tick after tick (a saturated process) but not
  // on one pause, which has already passed by the time it is measured; and one quiet tick does not reopen the doors.
  const timer = setInterval(() => {
    const now = performance.now();
    const late = Math.max(0, now - expected);
    samples.push(late);
    if (samples.length > WINDOW) samples.shift();
    expected = now + sampleEveryMs;
    delay = [...samples].sort((a, b) => a - b)[samples.length >> 1];
    if (budget !== undefined && options.pacing) {
      const utilization = nodePerformance.eventLoopUtilization(utilizationMark).utilization;
      if (now - pacedRefusalAt > options.pacing.releaseAfterMs) budget = undefined;
      else if (utilization > options.pacing.targetUtilization || late > options.pacing.targetDelayMs)
        budget = Math.max(1, Math.floor(budget * (options.pacing.cut ?? 0.75)));
      else budget += Math.max(1, Math.ceil(budget * 0.05));
    }
    if (options.pacing) utilizationMark = nodePerformance.eventLoopUtilization();
    admittedLastPeriod = admittedThisPeriod;
    admittedThisPeriod = 0;
  }, sampleEveryMs);
  timer.unref();

  const delayLimit = () =>
    options.startUp && performance.now() - startedAt < options.startUp.forMs
      ? Math.max(options.startUp.maxEventLoopDelayMs, options.maxEventLoopDelayMs)
      : options.maxEventLoopDelayMs;

  // Made once: past capacity, refusals come by the thousand a second, and each new Error would capture a stack trace
  // (measured: 6% of a flooded process's CPU). A GatewayError is immutable, so one can answer many requests.
  const refusal = (why: string) => ({
    admitted: false as const,
    error: new GatewayError("overloaded", `The gateway is at capacity (${why}); retry shortly`, { retryAfter: 1 }),
  });
  const refusals = {
    full: refusal("too many requests in flight"),
    behind: refusal("running behind"),
    behindBusy: refusal("running behind with many requests in flight"),
    paced: refusal("admissions paced"),
  };

  /** A delay rule refused: past capacity. Pacing starts from a quarter of what the last period admitted. */
  const refuseLate = (answer: Admission) => {
    if (options.pacing && budget === undefined) {
      budget = Math.max(1, Math.floor(admittedLastPeriod / 4));
      pacedRefusalAt = performance.now();
    }
    return answer;
  };

  return {
    admit() {
      seen += 1;
      if (inFlight >= options.maxInFlight) return refusals.full;
      if (options.maxEventLoopDelayMs > 0) {
        if (delay > delayLimit()) return refuseLate(refusals.behind);
        if (
          options.busy &&
          inFlight > options.busy.inFlight &&
          Math.max(delay, performance.now() - expected) > options.busy.maxEventLoopDelayMs
        )
          return refuseLate(refusals.behindBusy);
      }
      if (budget !== undefined && admittedThisPeriod >= budget) {
        pacedRefusalAt = performance.now();
        return refusals.paced;
      }
      admittedThisPeriod += 1;
      inFlight += 1;
      let released = false;
      return {
        admitted: true,
        done() {
          if (released) return;
          released = true;
          inFlight -= 1;
        },
      };
    },
    eventLoopDelayMs: () => delay,
    inFlight: () => inFlight,
    pacedBudget: () => budget,
    seen: () => seen,
    stop: () => clearInterval(timer),
  };
}
