-- Written by hand: each recorded use of an access grant (POST /grants/{id}/access).

-- CreateTable
CREATE TABLE "GrantAccess" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "grantId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "purpose" TEXT NOT NULL,
    "actorKind" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    CONSTRAINT "GrantAccess_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "AccessGrant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "GrantAccess_requestId_key" ON "GrantAccess"("requestId");

-- CreateIndex
CREATE INDEX "GrantAccess_grantId_at_idx" ON "GrantAccess"("grantId", "at");
