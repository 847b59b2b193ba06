/**
 * The OpenAPI document is generated from the same zod schemas the routes parse
 * with: every route is declared once, through `defineRoute`, and lands both in
 * Express and in this registry.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from '../domain/zod-locale';

extendZodWithOpenApi(z);

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
      article: z.string().optional(),
    }),
  })
  .openapi('Error');

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'yongshu_session' });
  registry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer' });
  return registry;
}

export function generateDocument(registry: OpenAPIRegistry) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: '甬数流程 API',
      version: '1.0.0',
      description: '宁波市公共数据管理办法（甬政办发〔2019〕72号）各项流程的办理接口。时间均为 ISO 8601，带 +08:00 时区。',
    },
    servers: [{ url: '/api/v1' }],
  });
}
