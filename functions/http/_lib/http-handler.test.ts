/** The one wrapper every route uses: whatever happens inside, the answer is a proper envelope. */
import { z } from 'zod';
import type { UserId, SubjectId } from '../../../shared/ids';
import { DomainError } from '../../../shared/errors';
import { businessMetrics } from '../../_lib/metrics';
import { signSession } from '../../_lib/session';
import { call } from '../../../test/support/http';
import { defineRoute } from '../../../shared/contracts/define';
import { httpHandler, MAX_BODY_BYTES } from './http-handler';

// no table in unit tests: every user is "not stored", which the session check lets through
jest.mock('../../repositories/users', () => ({
  sessionStateOf: async () => ({ version: 0, disabled: false }),
}));

process.env.SESSION_SECRET = 'unit-secret-unit-secret-unit-secret-0123';
process.env.LOG_LEVEL = 'SILENT';

const echoRoute = defineRoute({
  name: 'echo',
  method: 'POST',
  path: '/v1/x/{id}',
  summary: 'echo',
  access: ['applicant'],
  body: z.object({ amountFen: z.number().int().nonnegative() }).strict(),
  params: z.object({ id: z.string().min(3) }),
  status: 200,
  response: z.unknown(),
  errors: [],
});
const echo = httpHandler(echoRoute, ({ body, params, actor, idempotencyKey }) =>
  // the contract's access types the actor: an applicant, never undefined
  Promise.resolve({ body, params, who: actor.userId, idempotencyKey }),
);
const publicRoute = defineRoute({
  name: 'y',
  method: 'GET',
  path: '/v1/y',
  summary: 'y',
  access: 'public',
  status: 200,
  response: z.unknown(),
  errors: [],
});
const throws = (e: unknown) =>
  httpHandler(publicRoute, () => {
    throw e;
  });

const applicant = {
  kind: 'applicant' as const,
  userId: 'usr_a00000001' as UserId,
  subjectId: 'sub_000000000001' as SubjectId,
};
const admin = { kind: 'admin' as const, userId: 'usr_admin0001' as UserId };
const token = async (a: typeof applicant | typeof admin) =>
  (await signSession(a, new Date())).token;

const createdRoute = defineRoute({
  name: 'made',
  method: 'POST',
  path: '/v1/made',
  summary: 'made',
  access: 'any',
  status: 201,
  response: z.object({ made: z.literal(true) }),
  errors: [],
});
const made = httpHandler(createdRoute, () => Promise.resolve({ made: true as const }));

describe('httpHandler', () => {
  it("answers with the contract's success status; the operation returns only the view", async () => {
    const res = await call(made, 'POST /v1/made', { token: await token(admin) });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ made: true });
  });

  it("checks the contract's roles: an admin may call an 'any' route, not an applicant-only one", async () => {
    const res = await call(echo, 'POST /v1/x/{id}', {
      token: await token(admin),
      params: { id: 'abc' },
      body: { amountFen: 1 },
    });
    expect(res.status).toBe(403);
    expect((await call(made, 'POST /v1/made')).status).toBe(401);
  });

  it('passes parsed params, body, actor and Idempotency-Key to the operation', async () => {
    const res = await call(echo, 'POST /v1/x/{id}', {
      token: await token(applicant),
      params: { id: 'abc' },
      body: { amountFen: 500000 },
      headers: { 'idempotency-key': 'key-12345678' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      body: { amountFen: 500000 },
      params: { id: 'abc' },
      who: applicant.userId,
      idempotencyKey: 'key-12345678',
    });
  });

  it.each([
    ['no token', {}, 401, 'UNAUTHENTICATED'],
    ['a forged token', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' }, 401, 'UNAUTHENTICATED'],
  ])('refuses %s with 401', async (_what, o, status, code) => {
    const res = await call(echo, 'POST /v1/x/{id}', {
      ...o,
      params: { id: 'abc' },
      body: { amountFen: 1 },
    });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  it('refuses another role with 403', async () => {
    const res = await call(echo, 'POST /v1/x/{id}', {
      token: await token(admin),
      params: { id: 'abc' },
      body: { amountFen: 1 },
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/无权/),
    });
  });

  it.each([
    ['malformed JSON', { rawBody: '{"amountFen": ' }, 400, 'INVALID_INPUT'],
    ['a float amount', { body: { amountFen: 1.5 } }, 400, 'INVALID_INPUT'],
    ['a string amount', { body: { amountFen: '100' } }, 400, 'INVALID_INPUT'],
    ['an unknown field', { body: { amountFen: 1, extra: true } }, 400, 'INVALID_INPUT'],
    ['a missing body', {}, 400, 'INVALID_INPUT'],
    [
      'an oversize body',
      { rawBody: JSON.stringify({ amountFen: 1, pad: 'x'.repeat(MAX_BODY_BYTES) }) },
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'a bad Idempotency-Key',
      { body: { amountFen: 1 }, headers: { 'idempotency-key': 'no spaces!' } },
      400,
      'INVALID_INPUT',
    ],
  ])('answers %s with its status and code, never 500', async (_what, o, status, code) => {
    const res = await call(echo, 'POST /v1/x/{id}', {
      token: await token(applicant),
      params: { id: 'abc' },
      ...o,
    });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe('string');
  });

  it('lists which field was wrong, in details', async () => {
    const res = await call(echo, 'POST /v1/x/{id}', {
      token: await token(applicant),
      params: { id: 'ab' },
      body: { amountFen: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ where: 'params', issues: [{ path: 'id' }] });
  });

  it.each([
    ['WRONG_STATE', 409],
    ['DUPLICATE', 409],
    ['CONFLICT', 409],
    ['NOT_FOUND', 404],
    ['OVER_CAP', 422],
    ['BUDGET_EXHAUSTED', 422],
    ['NOT_ELIGIBLE', 422],
    ['RATE_LIMITED', 429],
  ] as const)('maps DomainError %s to %i with its message', async (code, status) => {
    const res = await call(throws(new DomainError(code, '说明', { k: 1 })), 'GET /v1/y');
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: { code, message: '说明', details: { k: 1 } } });
  });

  it('answers our own bugs with a generic 500 that leaks nothing', async () => {
    const res = await call(
      throws(new TypeError('secret internals at /var/task/x.js')),
      'GET /v1/y',
    );
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });
  });

  it('flushes the business metrics the request recorded, once, even when it fails', async () => {
    const out: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      const submits = httpHandler(publicRoute, () => {
        businessMetrics.applicationSubmitted(5_000);
        return Promise.reject(new DomainError('CONFLICT', '记录已被修改'));
      });
      const res = await call(submits, 'POST /v1/x');
      expect(res.status).toBe(409);
      const emf = out.filter((l) => l.includes('"CloudWatchMetrics"'));
      expect(emf).toHaveLength(1);
      expect(JSON.parse(emf[0] ?? '{}')).toMatchObject({
        ApplicationsSubmitted: 1,
        RequestedFen: 5_000,
      });
    } finally {
      write.mockRestore();
    }
  });
});
