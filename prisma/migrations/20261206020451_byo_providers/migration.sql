-- CreateTable
CREATE TABLE "byo_providers" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "byo_providers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "byo_provider_keys" (
    "id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "encrypted_key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "last_four" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "byo_provider_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "byo_models" (
    "id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "upstream_model" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "byo_models_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "byo_providers_user_id_name_key" ON "byo_providers"("user_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "byo_provider_keys_provider_id_fingerprint_key" ON "byo_provider_keys"("provider_id", "fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "byo_models_provider_id_upstream_model_key" ON "byo_models"("provider_id", "upstream_model");

-- AddForeignKey
ALTER TABLE "byo_providers" ADD CONSTRAINT "byo_providers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "byo_provider_keys" ADD CONSTRAINT "byo_provider_keys_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "byo_providers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "byo_models" ADD CONSTRAINT "byo_models_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "byo_providers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

