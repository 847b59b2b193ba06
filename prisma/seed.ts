/**
 * Seeds the demo data into an empty database. Idempotent: every row is an
 * upsert keyed by its natural id, and existing rows are left as they are, so
 * seeding twice changes nothing (and never resets what users changed).
 */
import type { Db } from '../db/client';
import { hashPassword } from '../db/password-hashing';
import { DEMO_PASSWORD, demoOrganisations, demoResources, demoUsers } from './demo-data';

export async function seedDemoData(db: Db): Promise<{ created: number }> {
  let created = 0;
  for (const org of demoOrganisations) {
    const exists = await db.organisation.findUnique({ where: { id: org.id } });
    if (exists) continue;
    await db.organisation.create({ data: org });
    created++;
  }
  for (const u of demoUsers) {
    const exists = await db.user.findUnique({ where: { username: u.username } });
    if (exists) continue;
    await db.user.create({
      data: {
        username: u.username,
        displayName: u.displayName,
        orgId: u.orgId,
        passwordHash: await hashPassword(DEMO_PASSWORD), // own salt per user
        roles: { create: u.roles.map((role) => ({ role })) },
      },
    });
    created++;
  }
  for (const r of demoResources) {
    const exists = await db.resource.findUnique({ where: { code: r.code } });
    if (exists) continue;
    const lastUpdatedAt = typeof r.lastUpdatedAt === 'string' ? new Date(r.lastUpdatedAt) : new Date(Date.now() - r.lastUpdatedAt.hoursBeforeSeed * 3_600_000);
    await db.resource.create({ data: { ...r, lastUpdatedAt } });
    created++;
  }
  return { created };
}
