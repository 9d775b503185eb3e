-- AlterTable
ALTER TABLE "models" ADD COLUMN     "cache_write_price_micros" BIGINT;

-- AlterTable
ALTER TABLE "request_logs" ADD COLUMN     "cache_write_tokens" INTEGER NOT NULL DEFAULT 0;


-- Anthropic prices prompt-cache writes (5-minute cache) at 1.25 times the input price.
UPDATE "models" SET "cache_write_price_micros" = ("input_price_micros" * 125) / 100
WHERE "provider_id" = 'anthropic' AND "input_price_micros" IS NOT NULL AND "cache_write_price_micros" IS NULL;
