/** Prisma's unique-constraint violation, whichever database is underneath. */
export const isUniqueViolation = (e: unknown): boolean => (e as { code?: string })?.code === 'P2002';
