-- AlterTable
ALTER TABLE "provider_keys" ADD COLUMN     "disabled_at" TIMESTAMP(3),
ADD COLUMN     "last_probe_at" TIMESTAMP(3),
ADD COLUMN     "last_probe_error" TEXT,
ADD COLUMN     "next_probe_at" TIMESTAMP(3),
ADD COLUMN     "probe_failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "probe_kind" TEXT,
ADD COLUMN     "probe_model" TEXT;

