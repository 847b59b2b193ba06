/**
 * A SQLite database of a test's own: a fresh temporary directory, the committed
 * schema and the demo data. `remove()` disconnects and deletes it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../../db/client';
import { prepareDatabase } from '../prepare-database';

export interface ThrowawayDatabase {
  url: string;
  db: Db;
  remove(): Promise<void>;
}

export async function seededThrowawayDatabase(name: string): Promise<ThrowawayDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `yongshu-${name}-`));
  const url = `file:${path.join(dir, `${name}.db`)}`;
  try {
    await prepareDatabase(url, { seed: true });
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const db = createDb(url);
  return {
    url,
    db,
    async remove() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
