/** /v1/auth and /v1/me, by their route contracts (shared/contracts). */
import type { LoginBody } from '@shared/schemas/auth';
import { authDevUsers, authLogin, getMe as getMeRoute } from '@shared/contracts/apply';
import { call } from './client';

export type { DevUser, LoginBody, LoginResult, Me, Role, SubjectView } from '@shared/schemas/auth';

/** POST /v1/auth/login — WeChat code, or a demo user id on a local stack. */
export const login = (body: LoginBody) => call(authLogin, { body });

/** GET /v1/auth/dev-users — the demo users of the local seed. */
export const listDevUsers = () => call(authDevUsers, {});

/** GET /v1/me */
export const getMe = () => call(getMeRoute, {});
