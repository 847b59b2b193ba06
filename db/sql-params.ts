/**
 * Parameters of a raw statement in the order the SQL reads them: numbered on
 * PostgreSQL ($1, $2, …), positional on SQLite (?). `p(value)` binds a value
 * and returns its placeholder, so the text and the values never drift apart.
 */
import { isPostgres } from './client';

export class SqlParams {
  readonly values: unknown[] = [];
  constructor(readonly pg: boolean) {}
  /** For a client (or a transaction of one). */
  static of(db: unknown): SqlParams {
    return new SqlParams(isPostgres(db));
  }
  p(v: unknown): string {
    this.values.push(v);
    return this.pg ? `$${this.values.length}` : '?';
  }
}
