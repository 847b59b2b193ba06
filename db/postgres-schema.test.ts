import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from '../scripts/postgres-schema';

test('the committed PostgreSQL schema is derived from the SQLite schema (run `npm run db:schemas` after editing it)', () => {
  assert.equal(fs.readFileSync(POSTGRES_SCHEMA, 'utf8'), derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8')));
});
