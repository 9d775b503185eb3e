-- AlterTable
ALTER TABLE "users" ADD COLUMN     "low_balance_micros" BIGINT,
ADD COLUMN     "spending_alert_percents" INTEGER[] DEFAULT ARRAY[50, 80, 100]::INTEGER[],
ADD COLUMN     "spending_limit_micros" BIGINT;

-- CreateTable
CREATE TABLE "spending_alerts" (
    "user_id" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sent_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spending_alerts_pkey" PRIMARY KEY ("user_id","month","kind")
);

-- AddForeignKey
ALTER TABLE "spending_alerts" ADD CONSTRAINT "spending_alerts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

