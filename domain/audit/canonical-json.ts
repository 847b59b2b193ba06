/**
 * Canonical JSON: one text for one value, whichever database stored it.
 * PostgreSQL's JSONB reorders object keys (and SQLite keeps them as written),
 * so a hash over JSON.stringify of what is read back differs between the two.
 * Here object keys are sorted (by UTF-16 code units, as RFC 8785 does) at every
 * level, there is no whitespace, strings and numbers are written as
 * JSON.stringify writes them, and a Date becomes its ISO 8601 text.
 *
 * Only JSON values (and Dates) are accepted: anything JSON cannot round-trip
 * (undefined inside arrays, NaN, functions, bigint, cycles) throws, so a value
 * that would read back differently can never be hashed by mistake.
 */
export class NotCanonicalisable extends TypeError {
  constructor(readonly path: string, what: string) {
    super(`canonical JSON: ${what} at ${path || '(root)'}`);
    this.name = 'NotCanonicalisable';
  }
}

export function canonicalJson(value: unknown): string {
  const open = new Set<object>();
  const write = (v: unknown, path: string): string => {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'number':
        if (!Number.isFinite(v)) throw new NotCanonicalisable(path, `non-finite number ${v}`);
        return JSON.stringify(v); // -0 → "0", 1e21 → "1e+21": what JSON.parse reads back
      case 'object':
        break;
      default: // undefined, bigint, function, symbol
        throw new NotCanonicalisable(path, `a value of type ${typeof v}`);
    }
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) throw new NotCanonicalisable(path, 'an invalid Date');
      return JSON.stringify(v.toISOString());
    }
    if (open.has(v)) throw new NotCanonicalisable(path, 'a cycle');
    open.add(v);
    let out: string;
    if (Array.isArray(v)) {
      const items: string[] = [];
      for (let i = 0; i < v.length; i++) items.push(write(v[i], `${path}[${i}]`)); // a hole or undefined throws below
      out = `[${items.join(',')}]`;
    } else {
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new NotCanonicalisable(path, 'an object that is not plain JSON');
      const obj = v as Record<string, unknown>;
      const parts: string[] = [];
      // Object.keys includes an own "__proto__" key (as JSON.parse creates it); property access by key reads it back.
      for (const k of Object.keys(obj).sort()) {
        const item = obj[k];
        if (item === undefined) continue; // as JSON.stringify: an absent key
        parts.push(`${JSON.stringify(k)}:${write(item, path ? `${path}.${k}` : k)}`);
      }
      out = `{${parts.join(',')}}`;
    }
    open.delete(v);
    return out;
  };
  if (value === undefined) throw new NotCanonicalisable('', 'undefined');
  return write(value, '');
}
