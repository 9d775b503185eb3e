// The Node flags the production server runs with, wherever it is started (start.ts, or scripts/app-process.ts running
// the server alone for the crash tests and the benchmark's profile):
// --max-semi-space-size=16: V8's own young generation on 64-bit, written down: 32 measured no faster in this session's
//   runs (2,699 vs 2,589 req/s, within the machine's noise) and cost 34 MB resident at idle;
// --heap-growing-percent=30: the old generation is collected once it has grown by 30% over what the last collection
//   left. V8's own factor grows with how little time the process spends collecting, and a saturated gateway spends
//   little: measured, the heap grew to 480 MB over a live 100-110 MB, and the server's RSS to 600 MB, kept long after
//   (with 50: 250 MB under the same load; with 30, 240 MB, and 335 MB for the whole group in the benchmark where 50
//   gave 355; the same throughput within the machine's noise);
// --expose-gc: the server collects once when traffic stops after a burst (lib/gateway/idle-heap-release.ts).
export const SERVER_NODE_FLAGS: readonly string[] = [
  "--max-semi-space-size=16",
  "--heap-growing-percent=30",
  "--expose-gc",
];
