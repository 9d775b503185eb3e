// Latency as a fixed histogram, so that p50/p95 over any range of days is a sum of small arrays rather than a sort
// of raw rows. Bucket i counts requests with LATENCY_BUCKET_BOUNDS_MS[i - 1] <= latency < LATENCY_BUCKET_BOUNDS_MS[i]
// (half-open, so it is exactly PostgreSQL's width_bucket(latency, bounds), which the SQL back-fill uses); the last
// bucket is everything from the last finite bound up.
//
// Resolution: a percentile is reported as the upper bound of the bucket it falls in — "p95 is under 750 ms" — so
// it is exact to within that bucket's width (50 ms at the fast end, widening to 30 s at the slow end), never low.
// The bounds are part of the stored data (usage_daily.latency_buckets holds counts by index): changing them changes
// the meaning of every stored row, so never do it without rebuilding usage_daily from request_logs.

/** Exclusive upper bounds in milliseconds of every bucket but the last, which is unbounded. */
export const LATENCY_BUCKET_BOUNDS_MS: readonly number[] = [
  50, 100, 200, 300, 500, 750, 1_000, 1_500, 2_000, 3_000, 5_000, 7_500, 10_000, 15_000, 20_000, 30_000, 60_000,
];

/** Buckets per histogram: one per finite bound plus the overflow bucket. */
export const LATENCY_BUCKET_COUNT = LATENCY_BUCKET_BOUNDS_MS.length + 1;

/** The upper bound of bucket `index`: Infinity for the overflow bucket. */
export function bucketUpperBound(index: number): number {
  return index < LATENCY_BUCKET_BOUNDS_MS.length ? LATENCY_BUCKET_BOUNDS_MS[index] : Number.POSITIVE_INFINITY;
}

/** The bucket a latency falls in: how many bounds are <= it (as width_bucket counts). */
export function bucketIndex(latencyMs: number): number {
  // Seventeen bounds: a linear scan is as fast as a binary search and obviously right.
  let index = 0;
  while (index < LATENCY_BUCKET_BOUNDS_MS.length && latencyMs >= LATENCY_BUCKET_BOUNDS_MS[index]) index += 1;
  return index;
}

/** A histogram with no requests. */
export function emptyBuckets(): number[] {
  return new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
}

/** Counts one latency into a histogram, in place. */
export function addLatency(buckets: number[], latencyMs: number): void {
  const index = bucketIndex(latencyMs);
  buckets[index] = (buckets[index] ?? 0) + 1;
}

/**
 * Element-wise sum, as the roll-up's upsert does in SQL. Arrays of different lengths (a row written before a bound
 * was appended) add as if padded with zeros; the result is never shorter than LATENCY_BUCKET_COUNT.
 */
export function mergeBuckets(...histograms: ReadonlyArray<readonly number[] | null | undefined>): number[] {
  const length = Math.max(LATENCY_BUCKET_COUNT, ...histograms.map((histogram) => histogram?.length ?? 0));
  const merged = new Array<number>(length).fill(0);
  for (const histogram of histograms) {
    if (!histogram) continue;
    for (let index = 0; index < histogram.length; index++) merged[index] += histogram[index] ?? 0;
  }
  return merged;
}

/**
 * The latency under which `fraction` (0 < fraction <= 1; 0.5 for p50, 0.95 for p95) of the requests fall, as the
 * upper bound of the bucket holding the request of that rank (nearest-rank definition). Null when there are no
 * requests; Infinity when that request is in the overflow bucket (show it as "over 60 s").
 */
export function percentileFromBuckets(buckets: readonly number[], fraction: number): number | null {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`percentile fraction must be in (0, 1], got ${fraction}`);
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  // Nearest rank; the epsilon keeps float noise (0.07 * 100 = 7.000000000000001) from skipping a rank.
  const rank = Math.max(1, Math.ceil(fraction * total - 1e-9));
  let seen = 0;
  for (let index = 0; index < buckets.length; index++) {
    seen += buckets[index];
    if (seen >= rank) return bucketUpperBound(index);
  }
  return Number.POSITIVE_INFINITY;
}
