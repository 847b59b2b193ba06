/**
 * What the databases can store, checked before anything reaches a workflow:
 * a value a workflow accepts but the projection can never write would wedge
 * its case. Used at the API edge (every request body, query and path) and by
 * the workflows' Update validators (defence in depth). Pure and iterative, so
 * a 10 000-deep body costs a loop, not the stack.
 *
 * Refused: lone UTF-16 surrogates (not Unicode; PostgreSQL rejects them),
 * NUL characters (PostgreSQL text cannot hold U+0000), keys that reach an
 * object's prototype (`__proto__`, `constructor`, `prototype`), nesting deeper
 * than a form or a business system ever needs, and oversized strings.
 */
export interface StorableLimits {
  maxDepth: number;
  maxStringLength: number;
  maxKeys: number; // object keys and array items, counted over the whole value
}

/** A decision or a case payload never nests deeper than a few levels; 32 leaves room. */
export const DEFAULT_STORABLE_LIMITS: StorableLimits = { maxDepth: 32, maxStringLength: 100_000, maxKeys: 10_000 };

export type UnstorableProblem = 'lone-surrogate' | 'nul-character' | 'forbidden-key' | 'too-deep' | 'string-too-long' | 'too-many-items';

export interface Unstorable {
  /** Dotted path of the offending value, e.g. `payload.dataItems.2`; '' for the value itself. */
  path: string;
  problem: UnstorableProblem;
  /** A Chinese message naming the problem, for error bodies. */
  message: string;
}

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const MESSAGES: Record<UnstorableProblem, string> = {
  'lone-surrogate': '含有无效的 Unicode 字符（孤立代理项）',
  'nul-character': '含有不允许的空字符（U+0000）',
  'forbidden-key': '字段名不允许使用',
  'too-deep': '嵌套层级过深',
  'string-too-long': '文本过长',
  'too-many-items': '字段或列表项过多',
};

// A lone high surrogate (not followed by a low one) or a lone low surrogate (not preceded by a high one).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The problem with one string, if any. */
export function textProblem(s: string, maxLength = DEFAULT_STORABLE_LIMITS.maxStringLength): UnstorableProblem | null {
  if (s.length > maxLength) return 'string-too-long';
  if (s.includes('\u0000')) return 'nul-character';
  if (LONE_SURROGATE.test(s)) return 'lone-surrogate';
  return null;
}

const problem = (path: string, p: UnstorableProblem): Unstorable => ({ path, problem: p, message: MESSAGES[p] });

/**
 * The first part of `value` the databases could not store, or null when all of
 * it is storable. Keys are checked like strings (they become JSON keys).
 */
export function findUnstorable(value: unknown, limits: StorableLimits = DEFAULT_STORABLE_LIMITS): Unstorable | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  let items = 0;
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const p = textProblem(v, limits.maxStringLength);
      if (p) return problem(path, p);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limits.maxDepth) return problem(path, 'too-deep');
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
    items += entries.length;
    if (items > limits.maxKeys) return problem(path, 'too-many-items');
    // JSON.parse makes "__proto__" an own property, so Object.entries lists it and it is caught here.
    for (const [k, child] of entries) {
      const childPath = path ? `${path}.${k}` : k;
      if (!Array.isArray(v)) {
        if (FORBIDDEN_KEYS.has(k)) return problem(childPath, 'forbidden-key');
        const kp = textProblem(k, 200);
        if (kp) return problem(childPath, kp);
      }
      stack.push({ v: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

/** One string made storable: lone surrogates become U+FFFD, NULs are dropped, the rest is cut to size. */
export const storableText = (s: string, maxLength = DEFAULT_STORABLE_LIMITS.maxStringLength): string =>
  s.replaceAll('\u0000', '').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD').slice(0, maxLength);

/**
 * A storable copy of `value`, for the one place that must write whatever it
 * was given (an administrator's "write it cleaned" on a stuck case): strings
 * cleaned, forbidden keys dropped, anything deeper than the limit cut to null.
 */
export function toStorable(value: unknown, limits: StorableLimits = DEFAULT_STORABLE_LIMITS, depth = 0): unknown {
  if (typeof value === 'string') return storableText(value, limits.maxStringLength);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= limits.maxDepth) return null;
  if (Array.isArray(value)) return value.map((v) => toStorable(v, limits, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(k)) continue;
    out[storableText(k, 200)] = toStorable(v, limits, depth + 1);
  }
  return out;
}
