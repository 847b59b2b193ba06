/**
 * A payload's shape as plain data: the one place its fields, limits and
 * messages are written. `shapeToZod` (./shape-zod) builds the zod schema the
 * API, the web and the OpenAPI document use; `shapeIssues` checks a value
 * against the same shape without zod, for the workflows: zod's modules are
 * ~90 % of the workflow bundle and the SDK initialises them for every run it
 * loads. `shapeIssues` reports what the built schema reports (the first
 * message per path, zod's zh-CN wording where a rule sets no message); a test
 * holds the two together.
 */

/** A check's value and its message; without one, zod uses the field's `typeError`, else its zh-CN default. */
type Limit = readonly [number, string?];

export interface TextShape {
  readonly kind: 'string';
  readonly typeError?: string;
  readonly trim?: boolean;
  readonly min?: Limit;
  readonly max?: Limit;
  readonly pattern?: readonly [RegExp, string];
  readonly refine?: readonly [(s: string) => boolean, string];
  readonly optional?: boolean;
}
export interface NumberShape {
  readonly kind: 'number';
  readonly typeError?: string;
  readonly int?: string;
  readonly gt?: readonly [number, string];
  readonly min?: readonly [number, string];
  readonly max?: readonly [number, string];
  readonly refine?: readonly [(n: number) => boolean, string];
  readonly default?: number;
}
export interface BooleanShape {
  readonly kind: 'boolean';
  readonly typeError?: string;
  readonly default?: boolean;
}
export interface TrueShape {
  readonly kind: 'true';
  readonly error: string;
}
export interface EnumShape<V extends string = string> {
  readonly kind: 'enum';
  readonly values: readonly [V, ...V[]];
  readonly error: string;
}
export interface ListShape<E extends Shape = Shape> {
  readonly kind: 'array';
  readonly of: E;
  readonly typeError?: string;
  readonly min?: Limit;
  readonly max?: Limit;
}
/** A strict object: unknown keys are refused. */
export interface ObjectShape<F extends Record<string, Shape> = Record<string, Shape>> {
  readonly kind: 'object';
  readonly fields: F;
}
export type Shape = TextShape | NumberShape | BooleanShape | TrueShape | EnumShape | ListShape | ObjectShape;

type OptionalKeys<F> = { [K in keyof F]: F[K] extends { optional: true } ? K : never }[keyof F];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** The value a shape accepts, after trimming and defaults (what `z.infer` of the built schema is). */
export type ShapeValue<S> = S extends TextShape
  ? string
  : S extends NumberShape
    ? number
    : S extends BooleanShape
      ? boolean
      : S extends TrueShape
        ? true
        : S extends EnumShape<infer V>
          ? V
          : S extends ListShape<infer E>
            ? ShapeValue<E>[]
            : S extends ObjectShape<infer F>
              ? Simplify<{ [K in Exclude<keyof F, OptionalKeys<F>>]: ShapeValue<F[K]> } & { [K in OptionalKeys<F>]?: ShapeValue<F[K]> | undefined }>
              : never;

/** A required, trimmed text field whose messages name it. */
export const requiredText = (label: string, max = 2000) =>
  ({ kind: 'string', typeError: `请填写${label}`, trim: true, min: [1, `请填写${label}`], max: [max, `${label}过长（最多 ${max} 字）`] }) as const satisfies TextShape;

export interface ShapeIssue {
  path: (string | number)[];
  message: string;
}

// zod's zh-CN messages, for the checks a shape leaves without one.
const TYPE_NAMES: Record<string, string> = { nan: 'NaN', number: '数字', array: '数组', null: '空值(null)' };
function typeName(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'nan' : 'number';
  if (typeof v !== 'object') return typeof v;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const proto: unknown = Object.getPrototypeOf(v);
  const ctor = (v as { constructor?: { name?: string } }).constructor;
  return proto !== Object.prototype && ctor ? (ctor.name ?? 'object') : 'object';
}
const invalidType = (expected: string, v: unknown) => `无效输入：期望 ${TYPE_NAMES[expected] ?? expected}，实际接收 ${TYPE_NAMES[typeName(v)] ?? typeName(v)}`;
const UNITS: Record<string, string> = { string: '字符', array: '项' };
const tooSmall = (origin: 'string' | 'array', n: number) => `数值过小：期望 ${origin} >=${n} ${UNITS[origin]}`;
const tooBig = (origin: 'string' | 'array', n: number) => `数值过大：期望 ${origin} <=${n} ${UNITS[origin]}`;

function check(s: Shape, v: unknown, path: (string | number)[], out: ShapeIssue[]): void {
  const fail = (message: string) => void out.push({ path, message });
  switch (s.kind) {
    case 'string': {
      if (v === undefined && s.optional) return;
      if (typeof v !== 'string') return fail(s.typeError ?? invalidType('string', v));
      const t = s.trim ? v.trim() : v;
      if (s.min && t.length < s.min[0]) fail(s.min[1] ?? s.typeError ?? tooSmall('string', s.min[0]));
      if (s.max && t.length > s.max[0]) fail(s.max[1] ?? s.typeError ?? tooBig('string', s.max[0]));
      if (s.pattern) {
        s.pattern[0].lastIndex = 0;
        if (!s.pattern[0].test(t)) fail(s.pattern[1]);
      }
      if (s.refine && !s.refine[0](t)) fail(s.refine[1]);
      return;
    }
    case 'number': {
      if (v === undefined && s.default !== undefined) return;
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail(s.typeError ?? invalidType('number', v));
      // zod stops at a failed integer check (`continue: false`); the others all run.
      if (s.int !== undefined && !Number.isSafeInteger(v)) return fail(s.int);
      if (s.gt && !(v > s.gt[0])) fail(s.gt[1]);
      if (s.min && v < s.min[0]) fail(s.min[1]);
      if (s.max && v > s.max[0]) fail(s.max[1]);
      if (s.refine && !s.refine[0](v)) fail(s.refine[1]);
      return;
    }
    case 'boolean':
      if (v === undefined && s.default !== undefined) return;
      if (typeof v !== 'boolean') fail(s.typeError ?? invalidType('boolean', v));
      return;
    case 'true':
      if (v !== true) fail(s.error);
      return;
    case 'enum':
      if (!(s.values as readonly unknown[]).includes(v)) fail(s.error);
      return;
    case 'array': {
      if (!Array.isArray(v)) return fail(s.typeError ?? invalidType('array', v));
      // zod refuses an array over its maximum before reading an element of it.
      if (s.max && v.length > s.max[0]) return fail(s.max[1] ?? s.typeError ?? tooBig('array', s.max[0]));
      v.forEach((e, i) => check(s.of, e, [...path, i], out));
      if (s.min && v.length < s.min[0]) fail(s.min[1] ?? s.typeError ?? tooSmall('array', s.min[0]));
      return;
    }
    case 'object': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(invalidType('object', v));
      const o = v as Record<string, unknown>;
      for (const [k, f] of Object.entries(s.fields)) check(f, o[k], [...path, k], out);
      const unknown = Object.keys(o).filter((k) => !Object.hasOwn(s.fields, k));
      if (unknown.length) fail(`出现未知的键(key): ${unknown.map((k) => `"${k}"`).join(', ')}`);
      return;
    }
  }
}

/** Every problem of `value` against `shape`, in zod's order; empty when the built schema accepts it. */
export function shapeIssues(shape: Shape, value: unknown): ShapeIssue[] {
  const out: ShapeIssue[] = [];
  check(shape, value, [], out);
  return out;
}
