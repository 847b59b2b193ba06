-- Written by hand: who claimed (签收) an open task, kept by the API (POST /tasks/{id}/claim).

-- AlterTable
ALTER TABLE "Task" ADD COLUMN "claimedById" TEXT;
ALTER TABLE "Task" ADD COLUMN "claimedByName" TEXT;
ALTER TABLE "Task" ADD COLUMN "claimedAt" DATETIME;
