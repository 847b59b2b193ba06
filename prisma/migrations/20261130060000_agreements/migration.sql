-- CreateTable
CREATE TABLE "Agreement" (
    "caseId" TEXT NOT NULL PRIMARY KEY,
    "templateVersion" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Agreement_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementSignature" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "userId" TEXT,
    "signedAt" DATETIME NOT NULL,
    "sha256" TEXT NOT NULL,
    CONSTRAINT "AgreementSignature_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Agreement" ("caseId") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AgreementSignature_caseId_signedAt_idx" ON "AgreementSignature"("caseId", "signedAt");
