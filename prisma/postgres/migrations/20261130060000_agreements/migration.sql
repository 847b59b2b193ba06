-- CreateTable
CREATE TABLE "Agreement" (
    "caseId" TEXT NOT NULL,
    "templateVersion" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("caseId")
);

-- CreateTable
CREATE TABLE "AgreementSignature" (
    "key" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "userId" TEXT,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "sha256" TEXT NOT NULL,

    CONSTRAINT "AgreementSignature_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "AgreementSignature_caseId_signedAt_idx" ON "AgreementSignature"("caseId", "signedAt");

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementSignature" ADD CONSTRAINT "AgreementSignature_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Agreement"("caseId") ON DELETE RESTRICT ON UPDATE CASCADE;
