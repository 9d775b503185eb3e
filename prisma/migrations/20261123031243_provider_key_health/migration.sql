-- CreateTable
CREATE TABLE "provider_key_health" (
    "key_id" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "cooling_until" TIMESTAMP(3),
    "circuit_open_until" TIMESTAMP(3),
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "openings" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_key_health_pkey" PRIMARY KEY ("key_id","model_id")
);

-- CreateIndex
CREATE INDEX "provider_key_health_updated_at_idx" ON "provider_key_health"("updated_at");

-- AddForeignKey
ALTER TABLE "provider_key_health" ADD CONSTRAINT "provider_key_health_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "provider_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

