/**
 * Issue 12, sessions: short-lived access tokens carrying the user's session version, a rotated
 * refresh token with reuse detection, logout, and revocation that takes effect on the next request.
 */
import { call } from '../../support/http';
import { handler as login } from '../../../functions/http/auth-login/handler';
import { handler as refresh } from '../../../functions/http/auth-refresh/handler';
import { handler as logout } from '../../../functions/http/auth-logout/handler';
import { handler as getMe } from '../../../functions/http/get-me/handler';
import { handler as queue } from '../../../functions/http/review-queue/handler';
import { signSession } from '../../support/session';
import { bumpSessionVersion, setUserDisabled } from '../../../functions/repositories/users';
import type { UserId } from '../../../shared/ids';
import { demoCounty } from '../apply/setup';

beforeAll(async () => {
  await demoCounty();
});

const devLogin = async (devUserId: string) => {
  const res = await call(login, 'POST /v1/auth/login', { body: { devUserId } });
  expect(res.status).toBe(200);
  return res.body as {
    token: string;
    expiresAt: string;
    refreshToken: string;
    refreshExpiresAt: string;
  };
};
const me = (token: string) => call(getMe, 'GET /v1/me', { token });

describe('sessions', () => {
  it('login answers a 15-minute access token and a 30-day refresh token', async () => {
    const s = await devLogin('usr_admin01');
    const ttl = Date.parse(s.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    expect(Date.parse(s.refreshExpiresAt) - Date.now()).toBeGreaterThan(29 * 24 * 3600_000);
    expect((await me(s.token)).status).toBe(200);
  });

  it('an expired access token is 401 TOKEN_EXPIRED; refresh gives a working one and rotates the refresh token', async () => {
    const s = await devLogin('usr_hrssl1');
    const old = await signSession(
      { kind: 'reviewer', userId: 'usr_hrssl1' as UserId, department: 'hrss', level: 1 },
      new Date(Date.now() - 20 * 60_000),
    );
    const expired = await me(old.token);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({
      code: 'UNAUTHENTICATED',
      details: { reason: 'TOKEN_EXPIRED' },
    });

    const r = await call(refresh, 'POST /v1/auth/refresh', {
      body: { refreshToken: s.refreshToken },
    });
    expect(r.status).toBe(200);
    expect(r.body.refreshToken).not.toBe(s.refreshToken);
    expect(r.body.user).toMatchObject({ id: 'usr_hrssl1', role: 'reviewer' });
    expect((await call(queue, 'GET /v1/review/queue', { token: r.body.token })).status).toBe(200);
    // the next refresh token works once more
    const r2 = await call(refresh, 'POST /v1/auth/refresh', {
      body: { refreshToken: r.body.refreshToken },
    });
    expect(r2.status).toBe(200);
  });

  it('a spent refresh token presented again ends every session of the user (REFRESH_REUSED)', async () => {
    const s = await devLogin('usr_finl1');
    const r = await call(refresh, 'POST /v1/auth/refresh', {
      body: { refreshToken: s.refreshToken },
    });
    expect(r.status).toBe(200);
    const reuse = await call(refresh, 'POST /v1/auth/refresh', {
      body: { refreshToken: s.refreshToken },
    });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.details.reason).toBe('REFRESH_REUSED');
    // the legitimate holder's tokens are dead too: both parties must log in again
    const after = await me(r.body.token);
    expect(after.status).toBe(401);
    expect(after.body.error.details.reason).toBe('SESSION_REVOKED');
    const next = await call(refresh, 'POST /v1/auth/refresh', {
      body: { refreshToken: r.body.refreshToken },
    });
    expect(next.status).toBe(401);
    expect(next.body.error.details.reason).toBe('SESSION_REVOKED');
    // a fresh login works
    expect((await me((await devLogin('usr_finl1')).token)).status).toBe(200);
  });

  it('logout ends the access and the refresh token at once, on every device', async () => {
    const phone = await devLogin('usr_wangxm01');
    const laptop = await devLogin('usr_wangxm01');
    const out = await call(logout, 'POST /v1/auth/logout', { token: phone.token });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ loggedOut: true });
    for (const token of [phone.token, laptop.token]) {
      const res = await me(token);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({
        code: 'UNAUTHENTICATED',
        details: { reason: 'SESSION_REVOKED' },
      });
    }
    const r = await call(refresh, 'POST /v1/auth/refresh', {
      body: { refreshToken: laptop.refreshToken },
    });
    expect(r.status).toBe(401);
    expect(r.body.error.details.reason).toBe('SESSION_REVOKED');
    expect((await call(logout, 'POST /v1/auth/logout', {})).status).toBe(401);
  });

  it('a version bump (role change, operator removal) refuses the old token on the very next request', async () => {
    const s = await devLogin('usr_hrssl2');
    expect((await call(queue, 'GET /v1/review/queue', { token: s.token })).status).toBe(200);
    await bumpSessionVersion('usr_hrssl2' as UserId);
    const res = await call(queue, 'GET /v1/review/queue', { token: s.token });
    expect(res.status).toBe(401);
    expect(res.body.error.details.reason).toBe('SESSION_REVOKED');
  });

  it('a disabled user is 401 USER_DISABLED on the next request, cannot refresh or log in; re-enabled, logs in again', async () => {
    const s = await devLogin('usr_lixy01');
    await setUserDisabled('usr_lixy01' as UserId, true);
    const res = await me(s.token);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/停用/),
      details: { reason: 'USER_DISABLED' },
    });
    const r = await call(refresh, 'POST /v1/auth/refresh', {
      body: { refreshToken: s.refreshToken },
    });
    expect(r.status).toBe(401);
    expect(r.body.error.details.reason).toBe('USER_DISABLED');
    const again = await call(login, 'POST /v1/auth/login', { body: { devUserId: 'usr_lixy01' } });
    expect(again.status).toBe(401);
    expect(again.body.error.details.reason).toBe('USER_DISABLED');
    await setUserDisabled('usr_lixy01' as UserId, false);
    expect((await me(s.token)).status).toBe(401); // the old session stays ended
    expect((await me((await devLogin('usr_lixy01')).token)).status).toBe(200);
  });

  it.each([
    ['malformed', { refreshToken: 'nope' }, 400, 'INVALID_INPUT'],
    [
      'unknown family',
      { refreshToken: `${'0'.repeat(32)}.${'A'.repeat(43)}` },
      401,
      'UNAUTHENTICATED',
    ],
    ['missing', {}, 400, 'INVALID_INPUT'],
  ])('refresh with a %s token (%j) → %i', async (_what, body, status, code) => {
    const res = await call(refresh, 'POST /v1/auth/refresh', { body });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  it('a forged refresh secret for a real family counts as reuse', async () => {
    const s = await devLogin('usr_zhaodb01');
    const [family] = s.refreshToken.split('.');
    const res = await call(refresh, 'POST /v1/auth/refresh', {
      body: { refreshToken: `${String(family)}.${'B'.repeat(43)}` },
    });
    expect(res.status).toBe(401);
    expect(res.body.error.details.reason).toBe('REFRESH_REUSED');
    expect((await me(s.token)).status).toBe(401);
  });
});
