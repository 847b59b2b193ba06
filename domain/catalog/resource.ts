/** Catalog rules (./rules) and the schemas of catalog queries. */
import { z } from '../zod-locale';
import { OPEN_CLASSES, SHARE_CLASSES } from './rules';

export { SHARE_CLASSES, OPEN_CLASSES, SHARE_CLASS_LABELS, OPEN_CLASS_LABELS, UPDATE_CYCLES, updateCycleLabel, isUpdateLapsed, missingShareJustification, type ShareClass, type OpenClass, type UpdateCycle } from './rules';

export const catalogQuerySchema = z.strictObject({
  shareClass: z.enum(SHARE_CLASSES).optional(),
  openClass: z.enum(OPEN_CLASSES).optional(),
  provider: z.string().trim().max(100).optional(),
  q: z.string().trim().max(100).optional(),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

export const resourceCodeSchema = z.string().regex(/^[A-Z0-9-]{3,40}$/, '目录编码格式不正确');
