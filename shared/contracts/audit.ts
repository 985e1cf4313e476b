/**
 * Everything can be followed (issue 14; infra/functions/audit.yml): the public 公示 list and
 * objections from it, the department's objection queue and grant objections' rulings, the
 * audit trail and the per-policy export.
 */
import { z } from 'zod';
import { ResolveObjectionBody } from '../schemas/review';
import { AuditExport, AuditTrail, ExportPath, TrailPath } from '../schemas/audit';
import {
  GrantObjectionPath,
  ObjectionQueuePage,
  ObjectionQueueQuery,
  PublicityPage,
  PublicityQuery,
  PublicObjectionBody,
  PublicObjectionLookupPath,
  PublicObjectionLookupQuery,
  PublicObjectionOutcome,
  PublicObjectionPath,
  PublicObjectionReceipt,
} from '../schemas/publicity';
import { defineRoute } from './define';

export const listPublicity = defineRoute({
  name: 'listPublicity',
  method: 'GET',
  path: '/v1/publicity',
  summary: '公示公告（无需登录）：公示中的事项，姓名脱敏，按政策与部门筛选，分页',
  access: 'public',
  query: PublicityQuery,
  status: 200,
  response: PublicityPage,
  errors: [],
});

export const objectPublicity = defineRoute({
  name: 'objectPublicity',
  method: 'POST',
  path: '/v1/publicity/{kind}/{id}/objections',
  summary: '对公示事项提出异议（无需登录，手机号 + 理由；按手机号与 IP 限流）',
  access: 'public',
  params: PublicObjectionPath,
  body: PublicObjectionBody,
  status: 201,
  response: PublicObjectionReceipt,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT', 'DUPLICATE', 'RATE_LIMITED'],
});

export const getPublicObjection = defineRoute({
  name: 'getPublicObjection',
  method: 'GET',
  path: '/v1/publicity/objections/{objectionId}',
  summary: '凭异议编号与查询码查看本人异议的处理结果（无需登录）',
  access: 'public',
  params: PublicObjectionLookupPath,
  query: PublicObjectionLookupQuery,
  status: 200,
  response: PublicObjectionOutcome,
  errors: ['NOT_FOUND'],
});

export const listObjectionQueue = defineRoute({
  name: 'listObjectionQueue',
  method: 'GET',
  path: '/v1/review/objections',
  summary: '本部门待处理的公示异议（申请与免申即享）',
  access: ['reviewer'],
  query: ObjectionQueueQuery,
  status: 200,
  response: ObjectionQueuePage,
  errors: [],
});

export const GrantObjectionRuled = z.object({
  grantId: z.string(),
  status: z.string(),
  objection: PublicObjectionOutcome,
});

export const resolveGrantObjection = defineRoute({
  name: 'resolveGrantObjection',
  method: 'POST',
  path: '/v1/grants/{id}/objections/{objectionId}/resolve',
  summary: '处理免申即享的公示异议：成立（取消发放）或不成立',
  access: ['reviewer'],
  params: GrantObjectionPath,
  body: ResolveObjectionBody,
  status: 200,
  response: GrantObjectionRuled,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT'],
});

export const getAuditTrail = defineRoute({
  name: 'getAuditTrail',
  method: 'GET',
  path: '/v1/audit/{kind}/{id}/trail',
  summary:
    '审计追溯：支付、免申即享或申请的全过程（决定、政策与判定、数据摘要、预算、支付与国库回复）',
  access: ['auditor', 'admin'],
  params: TrailPath,
  status: 200,
  response: AuditTrail,
  errors: ['NOT_FOUND'],
});

export const exportPolicyAudit = defineRoute({
  name: 'exportPolicyAudit',
  method: 'GET',
  path: '/v1/audit/policies/{policyId}/export',
  summary: '按政策导出全部事项与支付（CSV，分页写入存储），返回数分钟有效的下载链接',
  access: ['auditor', 'admin'],
  params: ExportPath,
  status: 200,
  response: AuditExport,
  errors: ['NOT_FOUND'],
});
