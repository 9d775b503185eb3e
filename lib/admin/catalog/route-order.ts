// What the Routes page says about a model's deployments: which one serves the next request, and why each other one
// does not. It follows the data plane's order (lib/gateway/routing/candidates.ts): deployments by priority, equal
// priorities sharing traffic by weight, keys cooling down or with an open circuit tried only after every ready one.

export type KeyAvailability = "ready" | "cooling" | "open";

export interface RouteKey {
  enabled: boolean;
  availability: KeyAvailability;
}

export interface RouteDeployment {
  id: string;
  priority: number;
  weight: number;
  enabled: boolean;
  providerEnabled: boolean;
  keys: RouteKey[];
}

export type RouteState =
  /** Takes the next request (alone, or `sharePercent` of them by weight). */
  | "next"
  /** Ready, tried when the ones before it fail: the failover order. */
  | "failover"
  /** Every key is cooling down after a 429: tried only after every ready key of every deployment. */
  | "cooling"
  /** Every key's circuit is open after repeated failures: tried last, one probe at a time. */
  | "circuit_open"
  | "no_keys"
  | "provider_disabled"
  | "disabled";

export interface RouteVerdict {
  id: string;
  state: RouteState;
  /** For "next": the share of requests this deployment takes first, by weight (100 when alone). */
  sharePercent: number | null;
}

function availabilityOf(deployment: RouteDeployment): KeyAvailability | null {
  const keys = deployment.keys.filter((key) => key.enabled);
  if (keys.length === 0) return null;
  if (keys.some((key) => key.availability === "ready")) return "ready";
  if (keys.some((key) => key.availability === "cooling")) return "cooling";
  return "open";
}

/** One verdict per deployment, in the order the data plane tries them. */
export function routeOrder(deployments: RouteDeployment[]): RouteVerdict[] {
  const sorted = [...deployments].sort((a, b) => a.priority - b.priority);
  const ready = sorted.filter((deployment) => {
    return deployment.enabled && deployment.providerEnabled && availabilityOf(deployment) === "ready";
  });
  const servingPriority = ready[0]?.priority;
  const serving = ready.filter((deployment) => deployment.priority === servingPriority);
  const totalWeight = serving.reduce((sum, deployment) => sum + Math.max(deployment.weight, 0), 0);
  const verdicts = sorted.map((deployment): RouteVerdict => {
    const verdict = (state: RouteState, sharePercent: number | null = null) => ({
      id: deployment.id,
      state,
      sharePercent,
    });
    if (!deployment.enabled) return verdict("disabled");
    if (!deployment.providerEnabled) return verdict("provider_disabled");
    const availability = availabilityOf(deployment);
    if (availability === null) return verdict("no_keys");
    if (availability === "cooling") return verdict("cooling");
    if (availability === "open") return verdict("circuit_open");
    if (serving.includes(deployment)) {
      const share = totalWeight > 0 ? Math.round((100 * deployment.weight) / totalWeight) : 100;
      return verdict("next", share);
    }
    return verdict("failover");
  });
  // Ready ones first, then the cooling and open ones (still tried when nothing else is left), then the unusable.
  const rank: Record<RouteState, number> = {
    next: 0,
    failover: 1,
    cooling: 2,
    circuit_open: 3,
    no_keys: 4,
    provider_disabled: 4,
    disabled: 4,
  };
  return verdicts
    .map((verdict, index) => ({ verdict, index }))
    .sort((a, b) => rank[a.verdict.state] - rank[b.verdict.state] || a.index - b.index)
    .map((entry) => entry.verdict);
}
