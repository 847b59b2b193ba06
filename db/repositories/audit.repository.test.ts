import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../client';
import { prepareDatabase } from '../../scripts/prepare-database';
import { createAuditRepository } from './audit.repository';

test('two API instances appending at once keep one unbroken hash chain; tampering is found', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-audit-'));
  const url = `file:${path.join(dir, 'audit.db')}`;
  await prepareDatabase(url, { seed: false });
  const [dbA, dbB] = [createDb(url), createDb(url)];
  try {
    const [a, b] = [createAuditRepository(dbA), createAuditRepository(dbB)];
    await Promise.all(
      Array.from({ length: 15 }, (_, i) => [
        a.append({ actor: 'A', action: 'case-view', target: `case:${i}` }),
        b.append({ actor: 'B', action: 'case-view', target: `case:${i}` }),
      ]).flat(),
    );
    assert.deepEqual(await a.verify(), { ok: true, entries: 30 });

    // Editing any entry breaks the chain at that entry.
    const victim = await dbA.auditEntry.findFirstOrThrow({ where: { actor: 'B' }, orderBy: { seq: 'asc' } });
    await dbA.auditEntry.update({ where: { seq: victim.seq }, data: { target: 'case:forged' } });
    assert.deepEqual(await a.verify(), { ok: false, entries: 30, firstBadEntry: victim.seq });
  } finally {
    await dbA.$disconnect();
    await dbB.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
