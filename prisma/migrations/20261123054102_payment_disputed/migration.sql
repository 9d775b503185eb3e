-- AlterEnum
ALTER TYPE "PaymentStatus" ADD VALUE 'disputed';

