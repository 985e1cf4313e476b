/**
 * Who is who (issue 12): binding a WeChat user, the enterprise's members, staff accounts, by
 * their route contracts (shared/contracts/identity); every binding answers a session.
 */
import * as routes from '@shared/contracts/identity';
import type {
  BindEnterpriseBody,
  BindOperatorBody,
  BindResidentBody,
} from '@shared/schemas/identity';
import type { ChangeStaffBody, ClaimStaffBody, CreateStaffBody } from '@shared/schemas/staff';
import { call } from './client';

export type { InviteResult, MemberView, MembersResponse } from '@shared/schemas/identity';
export type {
  ChangeStaffBody,
  CreateStaffBody,
  CreateStaffResult,
  StaffView,
} from '@shared/schemas/staff';

/** POST /v1/bind/resident — name + 居民身份证号 + phone, checked by the real-name service. */
export const bindResident = (body: BindResidentBody) => call(routes.bindResident, { body });

/** POST /v1/bind/enterprise — the legal representative becomes the enterprise's manager. */
export const bindEnterprise = (body: BindEnterpriseBody) => call(routes.bindEnterprise, { body });

/** POST /v1/bind/operator — an invite code makes the WeChat user an operator (经办人). */
export const bindOperator = (body: BindOperatorBody) => call(routes.bindOperator, { body });

/** POST /v1/bind/staff — a claim code binds the WeChat user to a staff account. */
export const claimStaff = (body: ClaimStaffBody) => call(routes.claimStaff, { body });

/** POST /v1/enterprise/invites — a one-time code (72 hours) for a new operator. */
export const createInvite = () => call(routes.createInvite, {});

/** GET /v1/enterprise/members — manager first, phones masked. */
export const listMembers = () => call(routes.listMembers, {});

/** DELETE /v1/enterprise/operators/{userId} — the operator's sessions end at once. */
export const removeOperator = (userId: string) =>
  call(routes.removeOperator, { params: { userId } });

/** GET /v1/admin/staff */
export const listStaff = () => call(routes.listStaff, {});

/** POST /v1/admin/staff — the claim code is in this answer only. */
export const createStaff = (body: CreateStaffBody) => call(routes.createStaff, { body });

/**
 * Disable, re-enable, or change role / level: PATCH /v1/admin/staff/{userId}, sent as POST
 * (the contract's alias) because wx.request has no PATCH method.
 */
export const changeStaff = (userId: string, body: ChangeStaffBody) =>
  call(routes.changeStaff, { params: { userId }, body });
