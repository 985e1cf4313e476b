/** Who is who (issue 12): sessions, binding, enterprise members, staff (infra/functions/identity.yml). */
import { z } from 'zod';
import { LoginResult, LogoutResult, RefreshBody } from '../schemas/auth';
import {
  BindEnterpriseBody,
  BindOperatorBody,
  BindResidentBody,
  InviteResult,
  MembersResponse,
  OperatorPath,
} from '../schemas/identity';
import {
  ChangeStaffBody,
  ClaimStaffBody,
  CreateStaffBody,
  CreateStaffResult,
  StaffList,
  StaffPath,
  StaffView,
} from '../schemas/staff';
import { defineRoute } from './define';

export const RemovedOperator = z.object({ removed: z.literal(true) });

/** Binding answers a session; a failed check, a lock or a wrong ticket is one of these. */
const BINDING_ERRORS = [
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'DUPLICATE',
  'VERIFICATION_FAILED',
  'RATE_LIMITED',
  'UNAVAILABLE',
] as const;

export const authRefresh = defineRoute({
  name: 'authRefresh',
  method: 'POST',
  path: '/v1/auth/refresh',
  summary: '以一次性的刷新凭证换取新的访问凭证和下一个刷新凭证',
  access: 'public',
  body: RefreshBody,
  status: 200,
  response: LoginResult,
  errors: ['UNAUTHENTICATED'],
});

export const authLogout = defineRoute({
  name: 'authLogout',
  method: 'POST',
  path: '/v1/auth/logout',
  summary: '退出登录：结束本用户在所有设备上的会话',
  access: 'any',
  status: 200,
  response: LogoutResult,
  errors: [],
});

export const bindResident = defineRoute({
  name: 'bindResident',
  method: 'POST',
  path: '/v1/bind/resident',
  summary: '居民实名绑定（姓名 + 居民身份证号 + 手机号），返回会话',
  access: 'public',
  body: BindResidentBody,
  status: 200,
  response: LoginResult,
  errors: BINDING_ERRORS,
});

export const bindEnterprise = defineRoute({
  name: 'bindEnterprise',
  method: 'POST',
  path: '/v1/bind/enterprise',
  summary: '法定代表人绑定企业并成为管理员，返回会话',
  access: 'public',
  body: BindEnterpriseBody,
  status: 200,
  response: LoginResult,
  errors: BINDING_ERRORS,
});

export const bindOperator = defineRoute({
  name: 'bindOperator',
  method: 'POST',
  path: '/v1/bind/operator',
  summary: '以邀请码成为企业经办人，返回会话',
  access: 'public',
  body: BindOperatorBody,
  status: 200,
  response: LoginResult,
  errors: BINDING_ERRORS,
});

export const createInvite = defineRoute({
  name: 'createInvite',
  method: 'POST',
  path: '/v1/enterprise/invites',
  summary: '企业管理员生成一次性经办人邀请码',
  access: ['applicant'],
  status: 201,
  response: InviteResult,
  errors: [],
});

export const listMembers = defineRoute({
  name: 'listMembers',
  method: 'GET',
  path: '/v1/enterprise/members',
  summary: '企业管理员查看管理员与经办人',
  access: ['applicant'],
  status: 200,
  response: MembersResponse,
  errors: [],
});

export const removeOperator = defineRoute({
  name: 'removeOperator',
  method: 'DELETE',
  path: '/v1/enterprise/operators/{userId}',
  summary: '企业管理员移除经办人，其会话立即结束',
  access: ['applicant'],
  params: OperatorPath,
  status: 200,
  response: RemovedOperator,
  errors: ['NOT_FOUND'],
});

export const claimStaff = defineRoute({
  name: 'claimStaff',
  method: 'POST',
  path: '/v1/bind/staff',
  summary: '以一次性认领码认领工作人员账号，返回会话',
  access: 'public',
  body: ClaimStaffBody,
  status: 200,
  response: LoginResult,
  errors: ['UNAUTHENTICATED', 'NOT_FOUND', 'DUPLICATE', 'RATE_LIMITED'],
});

export const createStaff = defineRoute({
  name: 'createStaff',
  method: 'POST',
  path: '/v1/admin/staff',
  summary: '管理员创建审核、审计或管理员账号，得到一次性认领码',
  access: ['admin'],
  body: CreateStaffBody,
  status: 201,
  response: CreateStaffResult,
  errors: [],
});

export const listStaff = defineRoute({
  name: 'listStaff',
  method: 'GET',
  path: '/v1/admin/staff',
  summary: '工作人员账号及其状态（停用、已认领）',
  access: ['admin'],
  status: 200,
  response: StaffList,
  errors: [],
});

export const changeStaff = defineRoute({
  name: 'changeStaff',
  method: 'PATCH',
  aliases: ['POST'],
  path: '/v1/admin/staff/{userId}',
  summary: '停用、启用或变更角色与级别；留痕并结束其会话',
  access: ['admin'],
  params: StaffPath,
  body: ChangeStaffBody,
  status: 200,
  response: StaffView,
  errors: ['NOT_FOUND'],
});
