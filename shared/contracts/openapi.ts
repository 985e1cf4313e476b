/**
 * The OpenAPI 3.1 document of the whole API, generated from the route registry: zod 4's
 * `z.toJSONSchema` gives JSON Schema 2020-12, which is OpenAPI 3.1's schema dialect. Schemas are
 * taken as they are on the wire (`io: 'input'`: what a client sends and what it parses).
 * Served at GET /v1/openapi.json and committed as docs/openapi.json (`npm run openapi`).
 */
import { z } from 'zod';
import * as admin from '../schemas/admin';
import * as application from '../schemas/application';
import * as auth from '../schemas/auth';
import { ErrorBody } from '../schemas/common';
import * as factsImport from '../schemas/facts-import';
import * as grant from '../schemas/grant';
import * as identitySchemas from '../schemas/identity';
import * as payable from '../schemas/payable';
import * as paymentBatch from '../schemas/payment-batch';
import * as payment from '../schemas/payment';
import * as policy from '../schemas/policy';
import * as recoveryList from '../schemas/recovery-list';
import * as review from '../schemas/review';
import * as staff from '../schemas/staff';
import * as treasury from '../schemas/treasury';
import * as upload from '../schemas/upload';
import { ROLE_LABELS } from '../vocabulary/role';
import { errorsOf, placeholdersOf, type AnyRoute } from './define';
import * as identityRoutes from './identity';
import * as moneyRoutes from './money';
import * as platformRoutes from './platform';
import { ERROR_STATUS } from './status';

type Json = Record<string, unknown>;

/**
 * Bodies and answers go to components/schemas under the name they are exported with (what a
 * client generator names its types after).
 */
const NAMED: ReadonlyMap<z.ZodType, string> = (() => {
  const names = new Map<z.ZodType, string>();
  const modules = [
    application,
    auth,
    policy,
    review,
    upload,
    admin,
    factsImport,
    grant,
    identitySchemas,
    payable,
    paymentBatch,
    payment,
    recoveryList,
    staff,
    treasury,
    platformRoutes,
    identityRoutes,
    moneyRoutes,
  ] as Record<string, unknown>[];
  for (const m of modules)
    for (const [name, value] of Object.entries(m))
      if (value instanceof z.ZodType) {
        const known = names.get(value);
        // one schema exported under two names (an alias): the first in alphabetical order, so
        // the choice does not depend on how a module system orders a namespace's keys
        if (known === undefined || name < known) names.set(value, name);
      }
  return names;
})();

function jsonSchema(schema: z.ZodType): Json {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  // the dialect is the document's (OpenAPI 3.1: JSON Schema 2020-12), not repeated per schema
  delete out.$schema;
  return out;
}

const ROLE_LABEL: Record<string, string> = {
  public: '公开（不需登录）',
  any: '任何已登录用户',
  ...ROLE_LABELS,
};

function accessText(route: AnyRoute): string {
  const roles = typeof route.access === 'string' ? [route.access] : route.access;
  return `调用者：${roles.map((r) => ROLE_LABEL[r] ?? r).join('、')}`;
}

function parametersOf(route: AnyRoute): Json[] {
  const out: Json[] = [];
  const add = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return;
    const s = jsonSchema(schema);
    const properties = (s.properties ?? {}) as Record<string, Json>;
    const required = new Set((s.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties))
      out.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        schema: property,
      });
  };
  add(route.params, 'path');
  add(route.query, 'query');
  if (route.idempotency)
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: route.idempotency.scope
        ? '同一用户意图的唯一键（8–64 位字母数字）：重复发送得到同一答复，只执行一次'
        : '同一用户意图的唯一键（8–64 位字母数字）',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' },
    });
  return out;
}

/** A body or answer: a $ref to components/schemas when it has a name, else inline. */
function schemaRef(schema: z.ZodType, components: Record<string, Json>): Json {
  const name = NAMED.get(schema);
  if (!name) return jsonSchema(schema);
  const taken = components[name];
  const own = jsonSchema(schema);
  if (taken && JSON.stringify(taken) !== JSON.stringify(own))
    throw new Error(`two schemas are named ${name}`);
  components[name] = own;
  return { $ref: `#/components/schemas/${name}` };
}

function responsesOf(route: AnyRoute, components: Record<string, Json>): Json {
  const responses: Json = {
    [String(route.status)]: {
      description: route.status === 202 ? '已受理' : route.status === 201 ? '已创建' : '成功',
      content: { 'application/json': { schema: schemaRef(route.response, components) } },
    },
  };
  const byStatus = new Map<number, string[]>();
  for (const code of errorsOf(route)) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  byStatus.set(500, ['INTERNAL']);
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b))
    responses[String(status)] = {
      description: `错误：${codes.join('、')}`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  return responses;
}

function operationOf(route: AnyRoute, tag: string, components: Record<string, Json>): Json {
  const parameters = parametersOf(route);
  return {
    operationId: route.name,
    summary: route.summary,
    description: accessText(route),
    tags: [tag],
    'x-zhida-access': route.access,
    'x-zhida-error-codes': [...errorsOf(route), 'INTERNAL'],
    security: route.access === 'public' ? [] : [{ bearer: [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaRef(route.body, components) } },
          },
        }
      : {}),
    responses: responsesOf(route, components),
  };
}

/** The document for the given routes, grouped by area (each area one tag). */
export function openApiDocument(areas: Record<string, readonly AnyRoute[]>): Json {
  const paths: Record<string, Json> = {};
  const schemas: Record<string, Json> = { Error: jsonSchema(ErrorBody) };
  for (const [tag, routes] of Object.entries(areas))
    for (const route of routes) {
      const item = (paths[route.path] ??= {});
      item[route.method.toLowerCase()] = operationOf(route, tag, schemas);
      for (const alias of route.aliases ?? [])
        item[alias.toLowerCase()] = {
          ...operationOf(route, tag, schemas),
          operationId: `${route.name}${alias}`,
          description: `与 ${route.method} 相同（微信小程序的 wx.request 不支持 ${route.method}）`,
        };
    }
  // path placeholders are declared once per operation, as OpenAPI requires
  for (const [path, item] of Object.entries(paths))
    for (const op of Object.values(item) as Json[]) {
      const declared = ((op.parameters ?? []) as Json[])
        .filter((p) => p.in === 'path')
        .map((p) => p.name);
      for (const name of placeholdersOf(path))
        if (!declared.includes(name)) throw new Error(`${path}: {${name}} has no params schema`);
    }
  return {
    openapi: '3.1.1',
    info: {
      title: '直达 Zhida API',
      version: '1.0.0',
      description:
        '政府扶持资金直达：居民和企业申请与领取，审核人员审批，免申即享自动兑付。金额一律为整数“分”；' +
        '证件号、手机号、银行账号只以掩码出现。错误一律为 {error:{code,message,details}}。' +
        '由 shared/contracts 的路由契约生成（npm run openapi）。',
    },
    servers: [{ url: 'http://localhost:3000', description: '本地（npm start）' }],
    tags: Object.keys(areas).map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: '登录或刷新得到的访问凭证（15 分钟）',
        },
      },
    },
  };
}
