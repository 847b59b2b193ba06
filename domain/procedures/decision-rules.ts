/**
 * The decision body every step of every procedure takes (zod: the API at the
 * edge, the web's decision form). The check that a decision is one the step
 * offers is in ./decision-check, free of zod for the workflows.
 */
import { z } from '../zod-locale';

export const decisionBodySchema = z.strictObject({
  decision: z.string({ error: '请选择决定' }).min(1, '请选择决定').max(40),
  comment: z.string().trim().max(4000).optional(),
  legalBasis: z.string().trim().max(2000).optional(),
  desensitization: z
    .strictObject({
      fields: z.array(z.string().trim().min(1).max(100)).min(1, '请填写需脱敏的字段').max(200),
      rule: z.string().trim().min(1, '请填写脱敏规则').max(1000),
    })
    .optional(),
  payload: z.unknown().optional(),
  newDueAt: z.iso.datetime({ offset: true, error: '请填写带时区的日期时间，如 2026-10-14T00:00:00+08:00' }).optional(),
  conditions: z.string().trim().max(4000).optional(),
  signerName: z.string().trim().min(1, '请填写签署人姓名').max(100).optional(),
  /** The SHA-256 of the agreement text the signer read: a sign refers to that exact text. */
  agreementSha256: z.string().regex(/^[0-9a-f]{64}$/, '须为 64 位十六进制 SHA-256').optional(),
  registeredResources: z.array(z.string().trim().min(1).max(60)).min(1, '至少填写一项数据资源编码').max(200).optional(),
  /** `corrected` (Art. 27 ¶4): the data version, or the collection time, that carries the correction. */
  dataVersion: z.string().trim().max(200, '数据版本或归集时间过长（最多 200 字）').optional(),
  /** `communicated` (Art. 27 ¶4): with whom the settlement was agreed. */
  agreedWith: z.string().trim().max(200, '沟通对象过长（最多 200 字）').optional(),
});
export type DecisionBody = z.infer<typeof decisionBodySchema>;
