import crypto from 'node:crypto';
import type { Db } from '../client';
import type { Prisma } from '../../generated/prisma';
import type { Principal } from '../../domain/auth/principal';
import type { Role } from '../../domain/auth/roles';
import { apiKeyRoles } from '../../domain/auth/api-key-roles';
import { lastSeenIsStale, sessionIsLive, type SignInPolicy } from '../../domain/auth/sign-in-policy';

type SessionPolicy = Pick<SignInPolicy, 'sessionIdleMs' | 'sessionAbsoluteMs' | 'lastSeenRefreshMs'>;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

type UserWithOrg = {
  id: string;
  username: string;
  displayName: string;
  org: { id: string; name: string };
  roles: { role: string }[];
};

const toPrincipal = (u: UserWithOrg): Principal => ({
  kind: 'user',
  id: u.id,
  name: u.displayName,
  username: u.username,
  org: { id: u.org.id, name: u.org.name },
  roles: u.roles.map((r) => r.role as Role),
});

const withOrgAndRoles = { org: true, roles: true } as const;

type SessionRow = { idHash: string; createdAt: Date | string; expiresAt: Date | string; lastSeenAt: Date | string; userId: string; username: string; displayName: string; active: boolean | number; orgId: string; orgName: string; role: string | null };

export function createUsersRepository(db: Db) {
  /**
   * A session with its user, organisation and roles in one statement (every request asks):
   * Prisma's include would send four, and compiles each (README "Performance"). One row per role.
   */
  async function sessionWithUser(idHash: string) {
    const rows = await db.$queryRaw<SessionRow[]>`
      SELECT s."idHash", s."createdAt", s."expiresAt", s."lastSeenAt", u."id" AS "userId", u."username", u."displayName", u."active",
             o."id" AS "orgId", o."name" AS "orgName", r."role"
      FROM "Session" s
      JOIN "User" u ON u."id" = s."userId"
      JOIN "Organisation" o ON o."id" = u."orgId"
      LEFT JOIN "UserRole" r ON r."userId" = u."id"
      WHERE s."idHash" = ${idHash}
      ORDER BY r."role"`;
    const first = rows[0];
    if (!first) return null;
    return {
      idHash: first.idHash,
      createdAt: new Date(first.createdAt),
      expiresAt: new Date(first.expiresAt),
      lastSeenAt: new Date(first.lastSeenAt),
      user: {
        id: first.userId,
        username: first.username,
        displayName: first.displayName,
        active: first.active === true || first.active === 1,
        org: { id: first.orgId, name: first.orgName },
        roles: rows.flatMap((r) => (r.role === null ? [] : [{ role: r.role }])),
      },
    };
  }

  return {
    async findForSignIn(username: string) {
      const u = await db.user.findUnique({ where: { username }, include: withOrgAndRoles });
      if (!u || !u.active) return null;
      return { principal: toPrincipal(u), passwordHash: u.passwordHash };
    },

    /** Replaces a password hash (an upgrade on sign-in) unless it changed meanwhile. */
    async replacePasswordHash(userId: string, oldHash: string, newHash: string): Promise<void> {
      await db.user.updateMany({ where: { id: userId, passwordHash: oldHash }, data: { passwordHash: newHash } });
    },

    async createSession(userId: string, o: { now: Date; ttlMs: number; address: string }): Promise<{ token: string; expiresAt: Date }> {
      const token = crypto.randomBytes(32).toString('base64url');
      const expiresAt = new Date(o.now.getTime() + o.ttlMs);
      await db.session.create({ data: { idHash: sha256(token), userId, createdAt: o.now, lastSeenAt: o.now, expiresAt, address: o.address } });
      return { token, expiresAt };
    },

    /**
     * The user a session cookie stands for, if the session is live at `now`
     * (not idle too long, not past its end). A use counts as activity and is
     * written down at most once per refresh interval — unless `touch` is false
     * (a page refreshing itself in the background is not the user at work).
     */
    async principalForSession(token: string, o: { now: Date; policy: SessionPolicy; touch: boolean }): Promise<Principal | null> {
      const s = await sessionWithUser(sha256(token));
      if (!s || !s.user.active) return null;
      if (!sessionIsLive(s, o.now, o.policy)) {
        await db.session.deleteMany({ where: { idHash: s.idHash } });
        return null;
      }
      if (o.touch && lastSeenIsStale(s.lastSeenAt, o.now, o.policy)) {
        await db.session.updateMany({ where: { idHash: s.idHash, lastSeenAt: { lt: o.now } }, data: { lastSeenAt: o.now } });
      }
      return toPrincipal(s.user);
    },

    async endSession(token: string): Promise<void> {
      await db.session.deleteMany({ where: { idHash: sha256(token) } });
    },

    /** Deletes every session that can no longer authenticate anyone. */
    async purgeExpiredSessions(now: Date, policy: SessionPolicy): Promise<number> {
      const r = await db.session.deleteMany({
        where: {
          OR: [
            { expiresAt: { lte: now } },
            { lastSeenAt: { lte: new Date(now.getTime() - policy.sessionIdleMs) } },
            { createdAt: { lte: new Date(now.getTime() - policy.sessionAbsoluteMs) } },
          ],
        },
      });
      return r.count;
    },

    async principalForApiKey(key: string): Promise<Principal | null> {
      const k = await db.apiKey.findUnique({ where: { keyHash: sha256(key) }, include: { org: true } });
      if (!k || k.revokedAt) return null;
      await db.apiKey.update({ where: { id: k.id }, data: { lastUsedAt: new Date() } });
      // A business system acts as its organisation, with the filing role its kind allows (none for the BDB).
      return { kind: 'api-key', id: k.id, name: `接口：${k.name}`, username: null, org: { id: k.org.id, name: k.org.name }, roles: apiKeyRoles(k.org.kind) };
    },

    /** Issues a key; `record` runs in the same transaction (the audit entry exists iff the key does). */
    async issueApiKey(orgId: string, name: string, createdBy: string, record: WithinTx<{ id: string; prefix: string }>): Promise<{ id: string; key: string; prefix: string }> {
      const key = `ysk_${crypto.randomBytes(24).toString('base64url')}`;
      const prefix = key.slice(0, 10);
      return db.$transaction(async (tx) => {
        const row = await tx.apiKey.create({ data: { orgId, name, prefix, keyHash: sha256(key), createdBy } });
        await record(tx, { id: row.id, prefix });
        return { id: row.id, key, prefix };
      });
    },

    async listApiKeys() {
      return db.apiKey.findMany({ include: { org: true }, orderBy: { createdAt: 'desc' } });
    },

    async findApiKey(id: string) {
      return db.apiKey.findUnique({ where: { id } });
    },

    /** Revokes a key; false when it was revoked already (the first revocation's time stays). */
    async revokeApiKey(id: string, record: WithinTx<{ id: string }>): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const r = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
        if (r.count > 0) await record(tx, { id });
        return r.count > 0;
      });
    },
  };
}

/** A write that must commit with the caller's (e.g. its audit entry). */
type WithinTx<T> = (tx: Prisma.TransactionClient, written: T) => Promise<void>;

export type UsersRepository = ReturnType<typeof createUsersRepository>;
