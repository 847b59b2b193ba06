/** Prisma's unique-constraint violation, whichever database is underneath. */
export const isUniqueViolation = (e: unknown): boolean => (e as { code?: string })?.code === 'P2002';

// Prisma codes for data the database refuses whatever the retry: too long, wrong type, null,
// invalid input, inconsistent column data, a row the write depends on missing.
const PERMANENT_CODES = new Set(['P2000', 'P2005', 'P2006', 'P2007', 'P2011', 'P2012', 'P2019', 'P2020', 'P2023', 'P2025']);
// PostgreSQL through the pg adapter: invalid byte sequence / untranslatable character / too long / out of range.
const PERMANENT_MESSAGES = /invalid byte sequence|unsupported Unicode escape|untranslatable character|value too long|out of range|invalid input syntax/i;

/** True when writing the same data again can never succeed (as opposed to a database that is down or busy). */
export function isPermanentDataError(e: unknown): boolean {
  const err = e as { name?: string; code?: string; message?: string } | null;
  if (!err) return false;
  if (err.name === 'PrismaClientValidationError') return true;
  if (err.code && PERMANENT_CODES.has(err.code)) return true;
  return PERMANENT_MESSAGES.test(err.message ?? '');
}
