// The status page's reading of the health report (/api/status's) and the last hour's traffic: one state per
// component in words a customer can act on, and the headline. Pure.
import type { GatewayStatus, ProviderStatus } from "../gateway/handlers/status";
import type { HealthStats, RecentHealth } from "../usage/recent-health-summary";

export type ComponentState = "operational" | "degraded" | "down";

/**
 * Why a component is not operational, each with its own sentence on the page:
 * - keys_partly_out: the provider refused some of our keys; the others carry its traffic.
 * - keys_all_out: it refused every key; its models fail until a key is back (re-tested automatically).
 * - elevated_errors: more than ELEVATED_ERROR_RATE of the last hour's requests to it failed.
 * - database_down: sign-in, dashboards and new keys wait for it; recently used keys are still served.
 * - keys_unreadable: this server cannot read some stored provider keys; requests that need them fail.
 */
export type StateReason = "keys_partly_out" | "keys_all_out" | "elevated_errors" | "database_down" | "keys_unreadable";

export interface ComponentStatus {
  id: string;
  /** A provider's display name; empty for the gateway's own components (the page names them). */
  name: string;
  kind: "gateway" | "database" | "ratelimit" | "provider";
  state: ComponentState;
  reasons: StateReason[];
  /** The last hour's traffic through it; undefined where it has none to speak of (database, rate limiter). */
  health?: HealthStats;
}

export interface StatusOverview {
  /** The worst state of any component. */
  state: ComponentState;
  components: ComponentStatus[];
  /** Providers this gateway has no key for (or switched off): listed, so that their absence is not a mystery. */
  notConfigured: Array<{ id: string; name: string }>;
  /** Whether the last hour's numbers could be read. */
  trafficKnown: boolean;
}

/** A provider whose requests failed at least this often in the last hour is degraded... */
export const ELEVATED_ERROR_RATE = 0.1;
/** ...when it had at least this many requests: two failures out of three are noise, not an outage. */
export const ELEVATED_ERROR_MIN_REQUESTS = 10;

const CONFIGURED: ReadonlySet<ProviderStatus> = new Set(["ok", "degraded", "down"]);
const RANK: Record<ComponentState, number> = { operational: 0, degraded: 1, down: 2 };

function worst(states: ComponentState[]): ComponentState {
  return states.reduce<ComponentState>((into, state) => (RANK[state] > RANK[into] ? state : into), "operational");
}

function elevated(health: HealthStats | undefined): boolean {
  return !!health && health.requests >= ELEVATED_ERROR_MIN_REQUESTS && health.errorRate >= ELEVATED_ERROR_RATE;
}

export function statusOverview(report: GatewayStatus, health: RecentHealth | undefined): StatusOverview {
  const gatewayReasons: StateReason[] = report.provider_keys_unreadable ? ["keys_unreadable"] : [];
  const gateway: ComponentStatus = {
    id: "gateway",
    name: "",
    kind: "gateway",
    state: gatewayReasons.length > 0 ? "degraded" : "operational",
    reasons: gatewayReasons,
    health: health?.overall,
  };
  const database: ComponentStatus = {
    id: "database",
    name: "",
    kind: "database",
    state: report.database === "ok" ? "operational" : "down",
    reasons: report.database === "ok" ? [] : ["database_down"],
  };
  const ratelimit: ComponentStatus = {
    id: "ratelimit",
    name: "",
    kind: "ratelimit",
    state: "operational",
    reasons: [],
  };

  const providers: ComponentStatus[] = [];
  const notConfigured: StatusOverview["notConfigured"] = [];
  for (const provider of report.providers) {
    if (!CONFIGURED.has(provider.status)) {
      notConfigured.push({ id: provider.id, name: provider.name });
      continue;
    }
    const traffic = health?.providers.get(provider.id);
    const reasons: StateReason[] = [];
    if (provider.status === "down") reasons.push("keys_all_out");
    if (provider.status === "degraded") reasons.push("keys_partly_out");
    if (elevated(traffic)) reasons.push("elevated_errors");
    providers.push({
      id: provider.id,
      name: provider.name,
      kind: "provider",
      state: provider.status === "down" ? "down" : reasons.length > 0 ? "degraded" : "operational",
      reasons,
      health: traffic,
    });
  }
  providers.sort((a, b) => a.name.localeCompare(b.name));
  notConfigured.sort((a, b) => a.name.localeCompare(b.name));

  const components = [gateway, database, ratelimit, ...providers];
  return {
    state: worst(components.map((component) => component.state)),
    components,
    notConfigured,
    trafficKnown: !!health,
  };
}
