/** Json columns: domain values go in as they are and come out typed by their writer. */
import type { Prisma } from '../generated/prisma';

export const toJson = (v: unknown): Prisma.InputJsonValue => v as Prisma.InputJsonValue;
export const fromJson = <T>(v: Prisma.JsonValue | null): T => v as unknown as T;
