import { Router } from 'express';
import { z } from '../../domain/zod-locale';
import { AppError } from '../../domain/errors';
import { formatShanghai } from '../../domain/calendar';
import { AUDIT_DAMAGE_KINDS } from '../../db/repositories/audit.repository';
import { auditCursorSchema, type AuditCursor } from '../../domain/paging';
import { defineRoute } from '../define-route';
import { listPage, pageQuery, pageSchema } from '../paging';
import type { ApiDeps } from '../deps';
import { historiesOfAllRuns, readableEvents } from '../use-cases/workflow-timeline';
import { apiKeyRoles } from '../../domain/auth/api-key-roles';

// PostgreSQL refuses timestamps before year 1 ("0000-01-01T00:00:00Z" was a 500 there); no audit entry predates 1970.
const auditInstant = z.iso.datetime({ offset: true }).refine((v) => {
  const y = new Date(v).getUTCFullYear();
  return y >= 1970 && y <= 9999;
}, '时间须在 1970 至 9999 年之间');

const auditVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBadEntry: z.number().int().optional(),
  damage: z
    .object({
      kind: z.enum(AUDIT_DAMAGE_KINDS).describe('entry-altered 记录被改动；chain-broken 链接断开；entries-missing 中间记录被删除；tail-truncated 末尾记录被删除；head-mismatch 链头与日志不符或签名无效；unsigned-after-signed 已签名记录之后出现未签名记录'),
      seq: z.number().int(),
      message: z.string(),
    })
    .optional(),
});

/** An issued key as the list shows it: never the key itself. */
const apiKeySchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  prefix: z.string(),
  roles: z.array(z.string()),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export function adminRoutes(deps: ApiDeps): Router {
  const { registry, repos, temporal } = deps;
  const router = Router();

  // business history plus the Temporal workflow and its events
  defineRoute(router, registry, 'GET /admin/cases/:id/timeline', {
    summary: '办件全过程（业务历史 + Temporal 工作流事件）', tags: ['管理'], access: ['admin'],
    params: z.object({ id: z.string().max(80) }),
    responses: { 200: { description: '时间线' }, 404: { description: '没有这个办件' } },
    handler: async ({ params, principal: p }) => {
      const c = await repos.cases.detail(params.id, p);
      if (!c) throw new AppError('not_found', '没有这个办件');
      const handle = temporal.client.workflow.getHandle(c.workflowId);
      const description = await handle.describe();
      // Follows every run: a long case continues as new, and the timeline is the whole case.
      const runs = await historiesOfAllRuns((runId) => temporal.client.workflow.getHandle(c.workflowId, runId).fetchHistory(), description.runId);
      await repos.audit.append({ actor: p.name, actorOrg: p.org.name, action: 'case-timeline-view', target: `case:${c.id}` });
      return {
        body: {
          case: { id: c.id, type: c.type, status: c.status, title: c.title },
          history: c.history,
          workflow: {
            workflowId: description.workflowId,
            runId: description.runId,
            type: description.type,
            status: description.status.name,
            startTime: formatShanghai(description.startTime),
            closeTime: description.closeTime ? formatShanghai(description.closeTime) : null,
            taskQueue: description.taskQueue,
            runs: runs.map((r) => ({ runId: r.runId, events: readableEvents(r.history) })),
            events: runs.flatMap((r) => readableEvents(r.history).map((e) => ({ ...e, runId: r.runId }))),
          },
        },
      };
    },
  });

  // the append-only audit log (Art. 24), newest first, a page at a time
  defineRoute(router, registry, 'GET /admin/audit', {
    summary: '审计日志（分页，新到旧）', tags: ['管理'], access: ['admin'],
    query: z.strictObject({
      actor: z.string().max(100).optional(),
      target: z.string().max(200).optional(),
      from: auditInstant.optional(),
      to: auditInstant.optional(),
      ...pageQuery,
    }),
    responses: {
      200: {
        description: '审计记录（一页，新到旧）',
        schema: pageSchema(
          z.object({ seq: z.number().int(), at: z.string(), actor: z.string(), actorOrg: z.string().nullable(), action: z.string(), target: z.string(), detail: z.unknown(), hash: z.string() }),
        ),
      },
    },
    handler: async ({ query }) => {
      const filter = { actor: query.actor || undefined, target: query.target || undefined, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined };
      return listPage(auditCursorSchema, query, async ({ limit, after }) => {
        const page = await repos.audit.list(filter, { limit, afterSeq: after?.s ?? null });
        const last = page.rows.at(-1);
        return {
          items: page.rows.map((r) => ({ seq: r.seq, at: formatShanghai(r.at), actor: r.actor, actorOrg: r.actorOrg, action: r.action, target: r.target, detail: r.detail, hash: r.hash })),
          next: page.more && last ? ({ k: 'audit', s: last.seq } satisfies AuditCursor) : null,
          total: page.total,
        };
      });
    },
  });

  // checks every entry's signature and link, the numbering and the head
  defineRoute(router, registry, 'GET /admin/audit/verify', {
    summary: '校验审计日志（带密钥的哈希链、连续序号与链头）', tags: ['管理'], access: ['admin'],
    responses: {
      200: {
        description: '校验结果；ok 为 false 时 firstBadEntry 与 damage 指出第一处损坏及其种类',
        schema: auditVerificationSchema,
      },
    },
    handler: async () => ({ body: await repos.audit.verify() }),
  });

  // the organisations a key may be issued to, with the roles such a key would act with
  defineRoute(router, registry, 'GET /admin/organisations', {
    summary: '单位列表（签发 API 密钥时选择；含该单位密钥可用的角色）', tags: ['管理'], access: ['admin'],
    responses: {
      200: { description: '单位', schema: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), apiKeyRoles: z.array(z.string()) })) }) },
    },
    handler: async () => {
      const orgs = await deps.db.organisation.findMany({ orderBy: { name: 'asc' } });
      return { body: { items: orgs.map((o) => ({ id: o.id, name: o.name, kind: o.kind, apiKeyRoles: apiKeyRoles(o.kind) })) } };
    },
  });

  // issue a key that acts as an organisation (Art. 28 接口对接)
  defineRoute(router, registry, 'POST /admin/api-keys', {
    summary: '为单位签发 API 密钥（仅此一次返回明文）', tags: ['管理'], access: ['admin'],
    body: z.strictObject({ orgId: z.string().min(1).max(60), name: z.string().trim().min(1, '请填写密钥用途').max(100) }),
    responses: { 201: { description: '已签发', schema: z.object({ id: z.string(), key: z.string(), prefix: z.string() }) } },
    handler: async ({ body, principal: p }) => {
      const org = (await deps.db.organisation.findUnique({ where: { id: body.orgId } })) ?? null;
      if (!org) throw new AppError('validation_failed', '没有这个单位', { orgId: '没有这个单位' });
      const issued = await repos.users.issueApiKey(org.id, body.name, p.name, (tx, k) =>
        repos.audit.appendWithin(tx, { actor: p.name, actorOrg: p.org.name, action: 'api-key-issue', target: `org:${org.id}`, detail: { keyId: k.id, prefix: k.prefix } }),
      );
      return { status: 201, body: issued };
    },
  });

  // every key issued, with the roles it acts with; never the key itself
  defineRoute(router, registry, 'GET /admin/api-keys', {
    summary: 'API 密钥列表（不含明文）', tags: ['管理'], access: ['admin'],
    responses: {
      200: {
        description: '密钥（新到旧）',
        schema: z.object({ items: z.array(apiKeySchema) }),
      },
    },
    handler: async () => {
      const keys = await repos.users.listApiKeys();
      const at = (d: Date | null) => (d ? formatShanghai(d) : null);
      return {
        body: {
          items: keys.map((k) => ({
            id: k.id,
            orgId: k.orgId,
            orgName: k.org.name,
            name: k.name,
            prefix: k.prefix,
            roles: apiKeyRoles(k.org.kind),
            createdAt: formatShanghai(k.createdAt),
            createdBy: k.createdBy,
            lastUsedAt: at(k.lastUsedAt),
            revokedAt: at(k.revokedAt),
          })),
        },
      };
    },
  });

  // revoke: the key is refused (401) from the next request on
  defineRoute(router, registry, 'DELETE /admin/api-keys/:id', {
    summary: '吊销 API 密钥（重复吊销同样返回 204）', tags: ['管理'], access: ['admin'],
    params: z.object({ id: z.string().max(80) }),
    responses: { 204: { description: '已吊销' }, 404: { description: '没有这个密钥' } },
    handler: async ({ params, principal: p }) => {
      const key = await repos.users.findApiKey(params.id);
      if (!key) throw new AppError('not_found', '没有这个 API 密钥');
      // Revoking is idempotent (DELETE): a second revocation changes nothing and is not audited again.
      await repos.users.revokeApiKey(key.id, (tx) =>
        repos.audit.appendWithin(tx, { actor: p.name, actorOrg: p.org.name, action: 'api-key-revoke', target: `org:${key.orgId}`, detail: { keyId: key.id, prefix: key.prefix } }),
      );
      return { status: 204 };
    },
  });

  return router;
}
