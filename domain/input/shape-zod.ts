/** The zod schema of a shape (./shape): the same zod calls the schema was written with, for the API, the web and OpenAPI. */
import { z } from '../zod-locale';
import type { Shape, ShapeValue } from './shape';

const err = (message: string | undefined) => (message === undefined ? undefined : { error: message });

function build(s: Shape): z.ZodType {
  switch (s.kind) {
    case 'string': {
      let t = z.string(err(s.typeError));
      if (s.trim) t = t.trim();
      if (s.min) t = t.min(s.min[0], s.min[1]);
      if (s.max) t = t.max(s.max[0], s.max[1]);
      if (s.pattern) t = t.regex(s.pattern[0], s.pattern[1]);
      const refined = s.refine ? t.refine(s.refine[0], s.refine[1]) : t;
      return s.optional ? refined.optional() : refined;
    }
    case 'number': {
      let n = z.number(err(s.typeError));
      if (s.int !== undefined) n = n.int(s.int);
      if (s.gt) n = n.gt(s.gt[0], s.gt[1]);
      if (s.min) n = n.min(s.min[0], s.min[1]);
      if (s.max) n = n.max(s.max[0], s.max[1]);
      const refined = s.refine ? n.refine(s.refine[0], s.refine[1]) : n;
      return s.default !== undefined ? refined.default(s.default) : refined;
    }
    case 'boolean': {
      const b = z.boolean(err(s.typeError));
      return s.default !== undefined ? b.default(s.default) : b;
    }
    case 'true':
      return z.literal(true, { error: s.error });
    case 'enum':
      return z.enum(s.values, { error: s.error });
    case 'array': {
      let a = z.array(build(s.of), err(s.typeError));
      if (s.min) a = a.min(s.min[0], s.min[1]);
      if (s.max) a = a.max(s.max[0], s.max[1]);
      return a;
    }
    case 'object':
      return z.strictObject(Object.fromEntries(Object.entries(s.fields).map(([k, f]) => [k, build(f)])));
  }
}

/** The zod schema of `shape`; it parses to `ShapeValue<S>` (trimmed, defaults filled in). */
export const shapeToZod = <S extends Shape>(shape: S): z.ZodType<ShapeValue<S>> => build(shape) as z.ZodType<ShapeValue<S>>;
