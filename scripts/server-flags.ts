// The Node flags the production server runs with, wherever it is started (start.ts, or scripts/app-process.ts running
// the server alone for the crash tests and the benchmark's profile):
// --max-semi-space-size=32: a larger young generation; the data plane allocates many short-lived objects per request
//   (measured: more throughput);
// --expose-gc: the server collects once when traffic stops after a burst (lib/gateway/idle-heap-release.ts).
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=32", "--expose-gc"];
