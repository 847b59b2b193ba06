-- Written by hand: IT project review opinions (Art. 9), their per-year counter, and 抄送 items.

-- CreateTable
CREATE TABLE "Opinion" (
    "taskId" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "conditions" TEXT,
    "comment" TEXT,
    "issuedAt" DATETIME NOT NULL,
    CONSTRAINT "Opinion_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OpinionCounter" (
    "year" INTEGER NOT NULL PRIMARY KEY,
    "last" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "OpinionCc" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "opinionNumber" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "readAt" DATETIME,
    "readById" TEXT,
    "readByName" TEXT,
    CONSTRAINT "OpinionCc_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Opinion_number_key" ON "Opinion"("number");

-- CreateIndex
CREATE INDEX "Opinion_caseId_idx" ON "Opinion"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Opinion_year_seq_key" ON "Opinion"("year", "seq");

-- CreateIndex
CREATE INDEX "OpinionCc_orgId_readAt_createdAt_id_idx" ON "OpinionCc"("orgId", "readAt", "createdAt", "id");

-- CreateIndex
CREATE INDEX "OpinionCc_orgId_createdAt_id_idx" ON "OpinionCc"("orgId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "OpinionCc_caseId_idx" ON "OpinionCc"("caseId");
