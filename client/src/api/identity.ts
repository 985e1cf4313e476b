/**
 * Who is who (issue 12): binding a WeChat user, the enterprise's members, staff accounts.
 * Typed and parsed by shared/schemas/{identity,staff}; every binding answers a session.
 */
import { z } from 'zod';
import { LoginResult } from '@shared/schemas/auth';
import {
  InviteResult,
  MembersResponse,
  type BindEnterpriseBody,
  type BindOperatorBody,
  type BindResidentBody,
} from '@shared/schemas/identity';
import {
  CreateStaffResult,
  StaffList,
  StaffView,
  type ChangeStaffBody,
  type ClaimStaffBody,
  type CreateStaffBody,
} from '@shared/schemas/staff';
import { call } from './client';

export type { InviteResult, MemberView, MembersResponse } from '@shared/schemas/identity';
export type {
  ChangeStaffBody,
  CreateStaffBody,
  CreateStaffResult,
  StaffView,
} from '@shared/schemas/staff';

/** POST /v1/bind/resident — name + 居民身份证号 + phone, checked by the real-name service. */
export const bindResident = (body: BindResidentBody) =>
  call('POST', '/v1/bind/resident', LoginResult, body);

/** POST /v1/bind/enterprise — the legal representative becomes the enterprise's manager. */
export const bindEnterprise = (body: BindEnterpriseBody) =>
  call('POST', '/v1/bind/enterprise', LoginResult, body);

/** POST /v1/bind/operator — an invite code makes the WeChat user an operator (经办人). */
export const bindOperator = (body: BindOperatorBody) =>
  call('POST', '/v1/bind/operator', LoginResult, body);

/** POST /v1/bind/staff — a claim code binds the WeChat user to a staff account. */
export const claimStaff = (body: ClaimStaffBody) =>
  call('POST', '/v1/bind/staff', LoginResult, body);

/** POST /v1/enterprise/invites — a one-time code (72 hours) for a new operator. */
export const createInvite = () => call('POST', '/v1/enterprise/invites', InviteResult);

/** GET /v1/enterprise/members — manager first, phones masked. */
export const listMembers = () => call('GET', '/v1/enterprise/members', MembersResponse);

/** DELETE /v1/enterprise/operators/{userId} — the operator's sessions end at once. */
export const removeOperator = (userId: string) =>
  call(
    'DELETE',
    `/v1/enterprise/operators/${encodeURIComponent(userId)}`,
    z.object({ removed: z.literal(true) }),
  );

/** GET /v1/admin/staff */
export const listStaff = () => call('GET', '/v1/admin/staff', StaffList);

/** POST /v1/admin/staff — the claim code is in this answer only. */
export const createStaff = (body: CreateStaffBody) =>
  call('POST', '/v1/admin/staff', CreateStaffResult, body);

/**
 * Disable, re-enable, or change role / level. Sent as POST /v1/admin/staff/{userId}, the
 * same handler as PATCH: wx.request has no PATCH method.
 */
export const changeStaff = (userId: string, body: ChangeStaffBody) =>
  call('POST', `/v1/admin/staff/${encodeURIComponent(userId)}`, StaffView, body);
