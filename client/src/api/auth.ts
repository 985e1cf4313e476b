/** /v1/auth and /v1/me, typed and parsed by shared/schemas/auth. */
import { DevUsersResponse, LoginResult, Me, type LoginBody } from '@shared/schemas/auth';
import { call } from './client';

export type { DevUser, LoginBody, LoginResult, Me, Role, SubjectView } from '@shared/schemas/auth';

/** POST /v1/auth/login — WeChat code, or a demo user id on a local stack. */
export const login = (body: LoginBody) => call('POST', '/v1/auth/login', LoginResult, body);

/** GET /v1/auth/dev-users — the demo users of the local seed. */
export const listDevUsers = () => call('GET', '/v1/auth/dev-users', DevUsersResponse);

/** GET /v1/me */
export const getMe = () => call('GET', '/v1/me', Me);
