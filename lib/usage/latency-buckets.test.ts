import { describe, expect, it } from "vitest";
import {
  LATENCY_BUCKET_BOUNDS_MS,
  LATENCY_BUCKET_COUNT,
  addLatency,
  bucketIndex,
  bucketUpperBound,
  emptyBuckets,
  mergeBuckets,
  percentileFromBuckets,
} from "./latency-buckets";

describe("latency buckets", () => {
  it("are half-open: a latency equal to a bound belongs to the next bucket, as width_bucket counts", () => {
    expect(LATENCY_BUCKET_COUNT).toBe(18);
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(49)).toBe(0);
    expect(bucketIndex(50)).toBe(1);
    expect(bucketIndex(99)).toBe(1);
    expect(bucketIndex(100)).toBe(2);
    expect(bucketIndex(59_999)).toBe(16);
    expect(bucketIndex(60_000)).toBe(17);
    expect(bucketIndex(3_600_000)).toBe(17);
    expect(bucketUpperBound(0)).toBe(50);
    expect(bucketUpperBound(16)).toBe(60_000);
    expect(bucketUpperBound(17)).toBe(Number.POSITIVE_INFINITY);
    for (let index = 0; index < LATENCY_BUCKET_BOUNDS_MS.length; index++) {
      expect(bucketIndex(LATENCY_BUCKET_BOUNDS_MS[index] - 1)).toBe(index);
      expect(bucketIndex(LATENCY_BUCKET_BOUNDS_MS[index])).toBe(index + 1);
    }
  });

  it("reports a percentile as the upper bound of the bucket holding the nearest-rank request", () => {
    const buckets = emptyBuckets();
    for (let request = 0; request < 18; request++) addLatency(buckets, 120);
    addLatency(buckets, 2_500);
    addLatency(buckets, 2_999);
    expect(percentileFromBuckets(buckets, 0.5)).toBe(200);
    expect(percentileFromBuckets(buckets, 0.9)).toBe(200); // rank 18 of 20
    expect(percentileFromBuckets(buckets, 0.95)).toBe(3_000); // rank 19
    expect(percentileFromBuckets(buckets, 1)).toBe(3_000);
    expect(percentileFromBuckets(emptyBuckets(), 0.5)).toBeNull();
    const slow = emptyBuckets();
    addLatency(slow, 90_000);
    expect(percentileFromBuckets(slow, 0.5)).toBe(Number.POSITIVE_INFINITY);
    // 7 of 100 under 50 ms: p7 is 50 even though 0.07 * 100 is 7.000000000000001 in floating point.
    const hundred = emptyBuckets();
    hundred[0] = 7;
    hundred[1] = 93;
    expect(percentileFromBuckets(hundred, 0.07)).toBe(50);
    expect(() => percentileFromBuckets(hundred, 0)).toThrow(RangeError);
  });

  it("merges element-wise, padding shorter arrays with zeros", () => {
    const merged = mergeBuckets([1, 2, 3], null, [10, 0, 0, 4], undefined);
    expect(merged).toHaveLength(LATENCY_BUCKET_COUNT);
    expect(merged.slice(0, 5)).toEqual([11, 2, 3, 4, 0]);
    expect(mergeBuckets()).toEqual(emptyBuckets());
  });
});
