-- Written by hand: Prisma's JS schema engine cannot diff PostgreSQL schemas here.
-- Mirrors prisma/migrations/20261130071500_grant_access for PostgreSQL.

-- CreateTable
CREATE TABLE "GrantAccess" (
    "id" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "purpose" TEXT NOT NULL,
    "actorKind" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,

    CONSTRAINT "GrantAccess_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GrantAccess_requestId_key" ON "GrantAccess"("requestId");

-- CreateIndex
CREATE INDEX "GrantAccess_grantId_at_idx" ON "GrantAccess"("grantId", "at");

-- AddForeignKey
ALTER TABLE "GrantAccess" ADD CONSTRAINT "GrantAccess_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "AccessGrant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
