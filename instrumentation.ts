// Next calls register() once as a server starts (npm start's server, `next start`, each Vercel instance): the last
// place to refuse a configuration that must not serve, for hosts that skip scripts/start.ts and scripts/migrate.ts,
// and where the data plane's background work starts.
// One line and exit, not a thrown error: the operator needs the reason, not Next's stack trace.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseToStartOnProblem } = await import("./lib/start-up-problem");
  refuseToStartOnProblem();
  // In npm start's server (scripts/server.ts sets SWITCHYARD_SERVER), /v1 is answered straight from the route table,
  // warm before the server reports ready; SWITCHYARD_V1_VIA_NEXT=1 keeps it on Next's route files (as on Vercel).
  const { env } = await import("./lib/env");
  if (process.env.SWITCHYARD_SERVER === "1" && !env().SWITCHYARD_V1_VIA_NEXT) {
    const { startDirectV1 } = await import("./lib/gateway/direct-v1");
    await startDirectV1();
    return;
  }
  // Heartbeat, settling stopped instances' requests, expired leases, key re-tests: from the start, not the first request.
  const { startBackgroundWork } = await import("./lib/gateway/background");
  startBackgroundWork();
}
