import crypto from 'node:crypto';
import type { Db } from '../client';
import type { Principal } from '../../domain/auth/principal';
import type { Role } from '../../domain/auth/roles';
import { apiKeyRoles } from '../../domain/auth/api-key-roles';

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

export function createUsersRepository(db: Db) {
  return {
    async findForSignIn(username: string) {
      const u = await db.user.findUnique({ where: { username }, include: withOrgAndRoles });
      if (!u || !u.active) return null;
      return { principal: toPrincipal(u), passwordHash: u.passwordHash };
    },

    async createSession(userId: string, ttlHours: number): Promise<{ token: string; expiresAt: Date }> {
      const token = crypto.randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
      await db.session.create({ data: { idHash: sha256(token), userId, expiresAt } });
      return { token, expiresAt };
    },

    async principalForSession(token: string): Promise<Principal | null> {
      const s = await db.session.findUnique({ where: { idHash: sha256(token) }, include: { user: { include: withOrgAndRoles } } });
      if (!s || s.expiresAt < new Date() || !s.user.active) return null;
      return toPrincipal(s.user);
    },

    async endSession(token: string): Promise<void> {
      await db.session.deleteMany({ where: { idHash: sha256(token) } });
    },

    async principalForApiKey(key: string): Promise<Principal | null> {
      const k = await db.apiKey.findUnique({ where: { keyHash: sha256(key) }, include: { org: true } });
      if (!k || k.revokedAt) return null;
      await db.apiKey.update({ where: { id: k.id }, data: { lastUsedAt: new Date() } });
      // A business system acts as its organisation, with the filing role its kind allows (none for the BDB).
      return { kind: 'api-key', id: k.id, name: `接口：${k.name}`, username: null, org: { id: k.org.id, name: k.org.name }, roles: apiKeyRoles(k.org.kind) };
    },

    async issueApiKey(orgId: string, name: string, createdBy: string): Promise<{ id: string; key: string; prefix: string }> {
      const key = `ysk_${crypto.randomBytes(24).toString('base64url')}`;
      const prefix = key.slice(0, 10);
      const row = await db.apiKey.create({ data: { orgId, name, prefix, keyHash: sha256(key), createdBy } });
      return { id: row.id, key, prefix };
    },

    async listApiKeys() {
      return db.apiKey.findMany({ include: { org: true }, orderBy: { createdAt: 'desc' } });
    },

    async findApiKey(id: string) {
      return db.apiKey.findUnique({ where: { id } });
    },

    /** Revokes a key; false when it was revoked already (the first revocation's time stays). */
    async revokeApiKey(id: string): Promise<boolean> {
      const r = await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
      return r.count > 0;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
