-- AlterTable
ALTER TABLE "usage_daily" ADD COLUMN     "upstream_errors" INTEGER NOT NULL DEFAULT 0;


-- Back-fill: the days already rolled up get their 5xx counts from the request log (rows the log no longer holds stay 0).
UPDATE "usage_daily" AS daily
SET "upstream_errors" = counted.upstream_errors
FROM (
  SELECT "user_id", "created_at"::date AS day, "api_key_id", "model", count(*)::int AS upstream_errors
  FROM "request_logs"
  WHERE "status" >= 500
  GROUP BY 1, 2, 3, 4
) AS counted
WHERE daily."user_id" = counted."user_id" AND daily."day" = counted.day AND daily."api_key_id" = counted."api_key_id"
  AND daily."model" = counted."model";
