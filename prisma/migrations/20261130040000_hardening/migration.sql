-- AlterTable
ALTER TABLE "Session" ADD COLUMN "address" TEXT;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN "decisionRequestId" TEXT;

-- AlterTable
ALTER TABLE "HistoryEntry" ADD COLUMN "actorOrgId" TEXT;
ALTER TABLE "HistoryEntry" ADD COLUMN "taskId" TEXT;

-- AlterTable
ALTER TABLE "IdempotencyKey" ADD COLUMN "leaseUntil" DATETIME;

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "ok" BOOLEAN NOT NULL
);

-- CreateTable
CREATE TABLE "AccountLock" (
    "username" TEXT NOT NULL PRIMARY KEY,
    "lockedAt" DATETIME NOT NULL,
    "lockedUntil" DATETIME NOT NULL,
    "failures" INTEGER NOT NULL,
    "unlockedAt" DATETIME,
    "unlockedBy" TEXT
);

-- CreateTable
CREATE TABLE "AuditHead" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "mac" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StuckCase" (
    "caseId" TEXT NOT NULL PRIMARY KEY,
    "reason" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "since" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "resolvedAt" DATETIME,
    "resolvedBy" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "applicantOrgId" TEXT NOT NULL,
    "applicantUserId" TEXT,
    "payload" JSONB NOT NULL,
    "workflowId" TEXT NOT NULL,
    "outcome" JSONB,
    "problemList" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "startState" TEXT NOT NULL DEFAULT 'started',
    "startInput" JSONB,
    "startError" TEXT
);
INSERT INTO "new_Case" ("applicantOrgId", "applicantUserId", "closedAt", "createdAt", "id", "outcome", "payload", "problemList", "status", "title", "type", "updatedAt", "workflowId") SELECT "applicantOrgId", "applicantUserId", "closedAt", "createdAt", "id", "outcome", "payload", "problemList", "status", "title", "type", "updatedAt", "workflowId" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE UNIQUE INDEX "Case_workflowId_key" ON "Case"("workflowId");
CREATE INDEX "Case_applicantOrgId_status_idx" ON "Case"("applicantOrgId", "status");
CREATE INDEX "Case_type_status_idx" ON "Case"("type", "status");
CREATE INDEX "Case_startState_idx" ON "Case"("startState");
CREATE TABLE "new_AuditEntry" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT,
    "scheme" INTEGER NOT NULL DEFAULT 1,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "actorOrg" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);
INSERT INTO "new_AuditEntry" ("action", "actor", "actorOrg", "at", "detail", "hash", "prevHash", "seq", "target") SELECT "action", "actor", "actorOrg", "at", "detail", "hash", "prevHash", "seq", "target" FROM "AuditEntry";
DROP TABLE "AuditEntry";
ALTER TABLE "new_AuditEntry" RENAME TO "AuditEntry";
CREATE UNIQUE INDEX "AuditEntry_key_key" ON "AuditEntry"("key");
CREATE UNIQUE INDEX "AuditEntry_prevHash_key" ON "AuditEntry"("prevHash");
CREATE INDEX "AuditEntry_actor_idx" ON "AuditEntry"("actor");
CREATE INDEX "AuditEntry_target_idx" ON "AuditEntry"("target");
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SignInAttempt_username_at_idx" ON "SignInAttempt"("username", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_address_at_idx" ON "SignInAttempt"("address", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_at_idx" ON "SignInAttempt"("at");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "Session_lastSeenAt_idx" ON "Session"("lastSeenAt");


-- The audit log is append-only (等保2.0 安全审计): the database itself refuses
-- to change or remove an entry, and the chain head may only move forward.
CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry"
BEGIN SELECT RAISE(ABORT, 'audit log is append-only: UPDATE refused'); END;
CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry"
BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE refused'); END;
CREATE TRIGGER "AuditHead_no_delete" BEFORE DELETE ON "AuditHead"
BEGIN SELECT RAISE(ABORT, 'audit head may not be deleted'); END;
CREATE TRIGGER "AuditHead_forward_only" BEFORE UPDATE ON "AuditHead"
WHEN NEW."seq" <= OLD."seq"
BEGIN SELECT RAISE(ABORT, 'audit head may only move forward'); END;
