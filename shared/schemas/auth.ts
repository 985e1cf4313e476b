/** POST /v1/auth/login, GET /v1/auth/dev-users, GET /v1/me. */
import { z } from 'zod';
import { Department, Role, SubjectKind } from '../vocabulary';
import { UserId } from './common';

export { Role } from '../vocabulary';

/** wx.login's code (production) or a seeded demo user (local stacks with DEV_LOGIN=on). */
export const LoginBody = z.union([
  z
    .object({
      wechatCode: z
        .string()
        .trim()
        .min(1)
        .max(128)
        .regex(/^[A-Za-z0-9_-]+$/, '微信登录凭证无效'),
    })
    .strict(),
  z.object({ devUserId: UserId }).strict(),
]);
export type LoginBody = z.input<typeof LoginBody>;

/** The subject an applicant acts for; an ID-card number is always masked. */
export const SubjectView = z.object({
  id: z.string(),
  kind: SubjectKind,
  name: z.string(),
  /** 统一社会信用代码 in full, or 居民身份证号 masked (`6207**********1234`). */
  code: z.string(),
});
export type SubjectView = z.infer<typeof SubjectView>;

export const Me = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  subject: SubjectView.optional(),
  /** The subject's receiving account on file, masked (`****1234` and the bank); absent if none. */
  account: z.object({ accountMasked: z.string(), bankName: z.string() }).optional(),
  department: Department.optional(),
  departmentName: z.string().optional(),
  reviewLevel: z.union([z.literal(1), z.literal(2)]).optional(),
  /** an enterprise's manager (legal representative) or operator (经办人); absent otherwise */
  memberRole: z.enum(['manager', 'operator']).optional(),
});
export type Me = z.infer<typeof Me>;

/**
 * A session: `token` is the access token (Bearer, 15 minutes); `refreshToken` (30 days,
 * single use) buys the next pair at POST /v1/auth/refresh. A 401 with details.reason
 * TOKEN_EXPIRED means "refresh"; SESSION_REVOKED, USER_DISABLED, REFRESH_INVALID and
 * REFRESH_REUSED mean "log in again".
 */
export const LoginResult = z.object({
  token: z.string(),
  expiresAt: z.string(),
  refreshToken: z.string(),
  refreshExpiresAt: z.string(),
  user: Me,
});
export type LoginResult = z.infer<typeof LoginResult>;

/** POST /v1/auth/refresh */
export const RefreshBody = z
  .object({
    refreshToken: z.string().regex(/^[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$/, '登录凭证格式不正确'),
  })
  .strict();
export type RefreshBody = z.infer<typeof RefreshBody>;

export const LogoutResult = z.object({ loggedOut: z.literal(true) });
export type LogoutResult = z.infer<typeof LogoutResult>;

export const DevUser = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  subjectName: z.string().optional(),
  department: Department.optional(),
  reviewLevel: z.union([z.literal(1), z.literal(2)]).optional(),
});
export type DevUser = z.infer<typeof DevUser>;

export const DevUsersResponse = z.object({ items: z.array(DevUser) });
export type DevUsersResponse = z.infer<typeof DevUsersResponse>;
