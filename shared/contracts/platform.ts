/** Platform routes: health and the API's own description (infra/functions/platform.yml). */
import { z } from 'zod';
import { defineRoute } from './define';

export const HealthView = z.object({
  status: z.literal('ok'),
  service: z.literal('zhida'),
  stage: z.string(),
  time: z.string(),
});

/** An OpenAPI 3.1 document (docs/openapi.json); its shape is OpenAPI's, checked by its own validator. */
export const OpenApiDocument = z
  .object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }) })
  .loose();

export const health = defineRoute({
  name: 'health',
  method: 'GET',
  path: '/v1/health',
  summary: '存活检查（负载均衡与本地启动检查）',
  access: 'public',
  status: 200,
  response: HealthView,
  errors: [],
});

export const openApi = defineRoute({
  name: 'openApi',
  method: 'GET',
  path: '/v1/openapi.json',
  summary: '本接口的 OpenAPI 3.1 文档（由路由契约生成）',
  access: 'public',
  status: 200,
  response: OpenApiDocument,
  errors: [],
});
