-- AlterTable
ALTER TABLE "credit_leases" ADD COLUMN     "return_requested_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "credit_leases_instance_id_idx" ON "credit_leases"("instance_id");

