/** The data-use agreements of conditional-open cases, as written by the projection (text once, signatures appended). */
import type { Db } from '../client';
import { formatShanghai } from '../../domain/calendar';

export interface AgreementView {
  templateVersion: string;
  text: string;
  sha256: string;
  createdAt: string;
  signatures: { step: string; signerName: string; userId: string | null; at: string; sha256: string }[];
}

export function createAgreementsRepository(db: Db) {
  return {
    async forCase(caseId: string): Promise<AgreementView | null> {
      const a = await db.agreement.findUnique({ where: { caseId }, include: { signatures: { orderBy: { signedAt: 'asc' } } } });
      if (!a) return null;
      return {
        templateVersion: a.templateVersion,
        text: a.text,
        sha256: a.sha256,
        createdAt: formatShanghai(a.createdAt),
        signatures: a.signatures.map((s) => ({ step: s.step, signerName: s.signerName, userId: s.userId, at: formatShanghai(s.signedAt), sha256: s.sha256 })),
      };
    },
  };
}
