-- AlterTable
ALTER TABLE "Task" ADD COLUMN "subject" TEXT;
