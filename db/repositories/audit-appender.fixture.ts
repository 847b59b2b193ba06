/**
 * Test fixture (audit.repository.test.ts): one process appending to the audit
 * log, alternately on its own and inside another write's transaction, as the
 * API and the worker do. Starts when the parent creates the `go` file, so
 * several of these append at the same time.
 *   tsx audit-appender.fixture.ts <databaseUrl> <keyHex> <actor> <count> <barrierDir>
 */
import fs from 'node:fs';
import path from 'node:path';
import { createDb } from '../client';
import { createAuditRepository } from './audit.repository';

async function main() {
  const [url, keyHex, actor, count, barrier] = process.argv.slice(2) as [string, string, string, string, string];
  const db = createDb(url);
  const repo = createAuditRepository(db, { auditKey: Buffer.from(keyHex, 'hex') });
  await db.auditHead.count(); // connect before the start line
  fs.writeFileSync(path.join(barrier, `ready-${actor}`), '');
  while (!fs.existsSync(path.join(barrier, 'go'))) await new Promise((r) => setTimeout(r, 10));
  for (let i = 1; i <= Number(count); i++) {
    if (i % 2) {
      await repo.append({ actor, action: 'case-view', target: `case:${i}`, detail: { i, by: actor } });
    } else {
      await db.$transaction(async (tx) => {
        await tx.signInAttempt.create({ data: { id: `${actor}-${i}`, username: actor, address: '127.0.0.1', at: new Date(), ok: true } });
        await repo.appendWithin(tx, { actor, action: 'decision', target: `task:${i}`, detail: { by: actor, i }, key: `${actor}:${i}` });
      });
    }
  }
  await db.$disconnect();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
