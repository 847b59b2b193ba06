-- Written by hand: Prisma's JS schema engine cannot diff PostgreSQL schemas here.
-- Mirrors prisma/migrations/20261130040000_hardening for PostgreSQL.

-- AlterTable
ALTER TABLE "Session" ADD COLUMN "address" TEXT;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN "decisionRequestId" TEXT;

-- AlterTable
ALTER TABLE "HistoryEntry" ADD COLUMN "actorOrgId" TEXT;
ALTER TABLE "HistoryEntry" ADD COLUMN "taskId" TEXT;

-- AlterTable
ALTER TABLE "IdempotencyKey" ADD COLUMN "leaseUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Case" ADD COLUMN "startState" TEXT NOT NULL DEFAULT 'started';
ALTER TABLE "Case" ADD COLUMN "startInput" JSONB;
ALTER TABLE "Case" ADD COLUMN "startError" TEXT;

-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN "key" TEXT;
ALTER TABLE "AuditEntry" ADD COLUMN "scheme" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountLock" (
    "username" TEXT NOT NULL,
    "lockedAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3) NOT NULL,
    "failures" INTEGER NOT NULL,
    "unlockedAt" TIMESTAMP(3),
    "unlockedBy" TEXT,

    CONSTRAINT "AccountLock_pkey" PRIMARY KEY ("username")
);

-- CreateTable
CREATE TABLE "AuditHead" (
    "id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "mac" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditHead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StuckCase" (
    "caseId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,

    CONSTRAINT "StuckCase_pkey" PRIMARY KEY ("caseId")
);

-- CreateIndex
CREATE INDEX "Case_startState_idx" ON "Case"("startState");
CREATE UNIQUE INDEX "AuditEntry_key_key" ON "AuditEntry"("key");
CREATE INDEX "SignInAttempt_username_at_idx" ON "SignInAttempt"("username", "at");
CREATE INDEX "SignInAttempt_address_at_idx" ON "SignInAttempt"("address", "at");
CREATE INDEX "SignInAttempt_at_idx" ON "SignInAttempt"("at");
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");
CREATE INDEX "Session_lastSeenAt_idx" ON "Session"("lastSeenAt");

-- The audit log is append-only (等保2.0 安全审计): the database itself refuses
-- to change or remove an entry, and the chain head may only move forward.
CREATE FUNCTION yongshu_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit log is append-only: % refused on %', TG_OP, TG_TABLE_NAME;
END $$;
CREATE FUNCTION yongshu_audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."seq" <= OLD."seq" THEN
    RAISE EXCEPTION 'audit head may only move forward';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "AuditEntry_no_update_delete" BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION yongshu_refuse_audit_change();
CREATE TRIGGER "AuditEntry_no_truncate" BEFORE TRUNCATE ON "AuditEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION yongshu_refuse_audit_change();
CREATE TRIGGER "AuditHead_no_delete" BEFORE DELETE ON "AuditHead"
  FOR EACH ROW EXECUTE FUNCTION yongshu_refuse_audit_change();
CREATE TRIGGER "AuditHead_forward_only" BEFORE UPDATE ON "AuditHead"
  FOR EACH ROW EXECUTE FUNCTION yongshu_audit_head_forward_only();
