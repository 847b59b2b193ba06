/** GET /cases/{id}/agreement (API.md "Conditional open: the agreement and the grant"). */
export interface AgreementSignatureView {
  step: string;
  signerName: string;
  userId: string;
  at: string;
  /** The SHA-256 of the text this signer signed. */
  sha256: string;
}

export interface AgreementView {
  templateVersion: string;
  text: string;
  /** Hex SHA-256 of `text` as UTF-8. */
  sha256: string;
  signatures: AgreementSignatureView[];
}

export const agreementPath = (caseId: string): string => `/cases/${encodeURIComponent(caseId)}/agreement`;
/** Same-origin href of the PDF (the API is proxied under /api/v1). */
export const agreementPdfHref = (caseId: string): string => `/api/v1/cases/${encodeURIComponent(caseId)}/agreement.pdf`;
