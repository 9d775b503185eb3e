-- CreateEnum
CREATE TYPE "BudgetPeriod" AS ENUM ('day', 'week', 'month');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "plan_id" TEXT NOT NULL DEFAULT 'payg';

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "budget_period" "BudgetPeriod" NOT NULL DEFAULT 'month',
ADD COLUMN     "concurrency_limit" INTEGER,
ADD COLUMN     "rpd_limit" INTEGER;

-- CreateTable
CREATE TABLE "plans" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rpm_limit" INTEGER,
    "rpd_limit" INTEGER,
    "tpm_limit" INTEGER,
    "concurrency_limit" INTEGER,
    "position" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plans_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "plans_name_key" ON "plans"("name");

-- CreateIndex
CREATE INDEX "users_plan_id_idx" ON "users"("plan_id");

-- The seeded plans (edited afterwards on the operator console). Pay as you go is every account's until an admin
-- changes it; its null limits leave requests per minute to the gateway's default, as before plans existed.
INSERT INTO "plans" ("id", "name", "rpm_limit", "rpd_limit", "tpm_limit", "concurrency_limit", "position") VALUES
    ('free', 'Free', 20, 200, 100000, 2, 0),
    ('payg', 'Pay as you go', NULL, NULL, NULL, NULL, 1),
    ('pro', 'Pro', 10000, NULL, NULL, NULL, 2);

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

