-- AlterTable
ALTER TABLE "request_logs" ADD COLUMN     "usage_source" TEXT NOT NULL DEFAULT 'reported';

-- CreateTable
CREATE TABLE "open_requests" (
    "request_id" TEXT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "record" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "open_requests_pkey" PRIMARY KEY ("request_id")
);

-- CreateTable
CREATE TABLE "gateway_instances" (
    "instance_id" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gateway_instances_pkey" PRIMARY KEY ("instance_id")
);

-- CreateIndex
CREATE INDEX "open_requests_instance_id_idx" ON "open_requests"("instance_id");

