/** Bad input and illegal transitions get their documented codes — never a 500. */
import { call } from '../../support/http';
import { handler as login } from '../../../functions/http/auth-login/handler';
import { handler as create } from '../../../functions/http/create-application/handler';
import { handler as list } from '../../../functions/http/list-applications/handler';
import { handler as detail } from '../../../functions/http/get-application/handler';
import { handler as decide } from '../../../functions/http/decide-application/handler';
import { handler as withdraw } from '../../../functions/http/withdraw-application/handler';
import { handler as supplement } from '../../../functions/http/supplement-application/handler';
import { handler as queue } from '../../../functions/http/review-queue/handler';
import { handler as uploads } from '../../../functions/http/create-upload/handler';
import { handler as getPolicy } from '../../../functions/http/get-policy/handler';
import { bindOpenId } from '../../../functions/repositories/users';
import type { UserId } from '../../../shared/ids';
import {
  apply,
  demoCounty,
  HIRE_LOCAL_REQUIRED,
  STARTUP_ALL_BUT_OPTIONAL,
  ON_FILE,
  upload,
  type DemoUser,
} from './setup';

let tokens: Record<DemoUser, string>;
beforeAll(async () => {
  tokens = await demoCounty();
});

const code = (res: { status: number; body?: { error?: { code: string } } }) => [
  res.status,
  res.body?.error?.code,
];

describe('bodies', () => {
  it('malformed JSON → 400 INVALID_INPUT', async () => {
    expect(
      code(
        await call(create, 'POST /v1/applications', {
          token: tokens.wangxm01,
          rawBody: '{"policyId": "startup-grant",',
        }),
      ),
    ).toEqual([400, 'INVALID_INPUT']);
  });
  it('wrong types → 400 with the issues', async () => {
    const res = await call(create, 'POST /v1/applications', {
      token: tokens.wangxm01,
      body: { account: ON_FILE, policyId: 42, materials: 'all', requestedFen: '5000' },
    });
    expect(code(res)).toEqual([400, 'INVALID_INPUT']);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['policyId', 'materials', 'requestedFen']),
    );
  });
  it('fractional or negative fen → 400', async () => {
    for (const requestedFen of [10.5, -1, 1e300]) {
      expect(
        code(
          await call(create, 'POST /v1/applications', {
            token: tokens.wangxm01,
            body: { account: ON_FILE, policyId: 'startup-grant', materials: [], requestedFen },
          }),
        ),
      ).toEqual([400, 'INVALID_INPUT']);
    }
  });
  it('unknown fields are refused (strict bodies) → 400', async () => {
    expect(
      code(
        await call(create, 'POST /v1/applications', {
          token: tokens.wangxm01,
          body: { account: ON_FILE, policyId: 'startup-grant', materials: [], subjectId: 'sub_x' },
        }),
      ),
    ).toEqual([400, 'INVALID_INPUT']);
  });
  it('oversize body → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await call(create, 'POST /v1/applications', {
      token: tokens.wangxm01,
      rawBody: JSON.stringify({
        policyId: 'startup-grant',
        materials: [],
        pad: 'x'.repeat(70_000),
      }),
    });
    expect(code(res)).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });
  it('too many materials, duplicated materials, bad upload ids → 400', async () => {
    const many = Array.from({ length: 21 }, (_, i) => upload(`m${i}`));
    expect(
      (
        await call(create, 'POST /v1/applications', {
          token: tokens.wangxm01,
          body: { account: ON_FILE, policyId: 'startup-grant', materials: many },
        })
      ).status,
    ).toBe(400);
    const dup = [upload('id_card'), upload('id_card')];
    expect(
      (
        await call(create, 'POST /v1/applications', {
          token: tokens.wangxm01,
          body: { account: ON_FILE, policyId: 'startup-grant', materials: dup },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(create, 'POST /v1/applications', {
          token: tokens.wangxm01,
          body: {
            account: ON_FILE,
            policyId: 'startup-grant',
            materials: [{ materialId: 'id_card', uploadId: '../../etc' }],
          },
        })
      ).status,
    ).toBe(400);
  });
  it('a material the policy does not ask for → 400', async () => {
    const res = await call(create, 'POST /v1/applications', {
      token: tokens.wangxm01,
      body: {
        account: ON_FILE,
        policyId: 'startup-grant',
        materials: [...STARTUP_ALL_BUT_OPTIONAL, upload('lease_contract')],
      },
    });
    expect(code(res)).toEqual([400, 'INVALID_INPUT']);
    expect(res.body.error.details.unknown).toEqual(['lease_contract']);
  });
  it('a required material missing → 400 with the missing codes', async () => {
    const res = await call(create, 'POST /v1/applications', {
      token: tokens.wangxm01,
      body: { account: ON_FILE, policyId: 'startup-grant', materials: [upload('id_card')] },
    });
    expect(code(res)).toEqual([400, 'INVALID_INPUT']);
    expect(res.body.error.details.missing).toEqual(['business_licence', 'bank_account']);
  });
  it('upload: bad checksum, type, size → 400', async () => {
    const ok = {
      materialId: 'id_card',
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      sizeBytes: 10,
      sha256: Buffer.alloc(32, 1).toString('base64'),
    };
    const good = await call(uploads, 'POST /v1/uploads', { token: tokens.wangxm01, body: ok });
    expect(good.status).toBe(201);
    expect(good.body.headers['x-amz-checksum-sha256']).toBe(ok.sha256);
    expect(good.body.url).toContain('zhida-test-uploads');
    for (const bad of [
      { sha256: 'abc' },
      { sha256: Buffer.alloc(31, 1).toString('base64') + 'AA' },
      { contentType: 'text/html' },
      { sizeBytes: 30 * 1024 * 1024 },
      { sizeBytes: 0 },
      { materialId: 'ID CARD' },
    ]) {
      expect(
        code(
          await call(uploads, 'POST /v1/uploads', {
            token: tokens.wangxm01,
            body: { ...ok, ...bad },
          }),
        ),
      ).toEqual([400, 'INVALID_INPUT']);
    }
  });
});

describe('params, query, headers', () => {
  it('a malformed application id → 400; an unknown one → 404', async () => {
    expect(
      code(
        await call(detail, 'GET /v1/applications/{id}', {
          token: tokens.wangxm01,
          params: { id: 'x' },
        }),
      ),
    ).toEqual([400, 'INVALID_INPUT']);
    expect(
      code(
        await call(detail, 'GET /v1/applications/{id}', {
          token: tokens.wangxm01,
          params: { id: 'app_0000000000000000000000000Z' },
        }),
      ),
    ).toEqual([404, 'NOT_FOUND']);
    expect(
      code(await call(getPolicy, 'GET /v1/policies/{id}', { params: { id: 'no-such-policy' } })),
    ).toEqual([404, 'NOT_FOUND']);
  });
  it('a forged cursor → 400, never 500', async () => {
    for (const cursor of [
      '!!!',
      'bm90LWpzb24',
      Buffer.from('{"PK":{"S":1}}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
    ]) {
      expect(
        (await call(list, 'GET /v1/applications', { token: tokens.wangxm01, query: { cursor } }))
          .status,
      ).toBe(400);
      expect(
        (await call(queue, 'GET /v1/review/queue', { token: tokens.hrssl1, query: { cursor } }))
          .status,
      ).toBe(400);
    }
    expect(
      (
        await call(queue, 'GET /v1/review/queue', {
          token: tokens.hrssl1,
          query: { status: 'paid' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(list, 'GET /v1/applications', {
          token: tokens.wangxm01,
          query: { limit: '1000' },
        })
      ).status,
    ).toBe(400);
  });
  it('a malformed Idempotency-Key → 400', async () => {
    const res = await call(create, 'POST /v1/applications', {
      token: tokens.wangxm01,
      body: { account: ON_FILE, policyId: 'startup-grant', materials: [] },
      headers: { 'idempotency-key': 'short' },
    });
    expect(code(res)).toEqual([400, 'INVALID_INPUT']);
  });
});

describe('business rules', () => {
  it('not eligible → 422 NOT_ELIGIBLE with the explanation', async () => {
    const res = await call(create, 'POST /v1/applications', {
      token: tokens.zhaodb01,
      body: { account: ON_FILE, policyId: 'startup-grant', materials: STARTUP_ALL_BUT_OPTIONAL },
    });
    expect(code(res)).toEqual([422, 'NOT_ELIGIBLE']);
    expect(res.body.error.details.explanation.verdict).not.toBe('eligible');
    expect(
      res.body.error.details.explanation.conditions.some(
        (c: { passed: boolean | null }) => c.passed !== true,
      ),
    ).toBe(true);
  });
  it('a policy for the other kind of subject → 422; an auto-only or loan policy → 409', async () => {
    expect(
      code(
        await call(create, 'POST /v1/applications', {
          token: tokens.trading01,
          body: { account: ON_FILE, policyId: 'startup-grant', materials: [] },
        }),
      ),
    ).toEqual([422, 'NOT_ELIGIBLE']);
    expect(
      code(
        await call(create, 'POST /v1/applications', {
          token: tokens.wangxm01,
          body: { account: ON_FILE, policyId: 'startup-loan', materials: [] },
        }),
      ),
    ).toEqual([409, 'WRONG_STATE']);
  });
  it('requested amount over the cap → 422 OVER_CAP', async () => {
    const res = await call(create, 'POST /v1/applications', {
      token: tokens.wangxm01,
      body: {
        account: ON_FILE,
        policyId: 'startup-grant',
        materials: STARTUP_ALL_BUT_OPTIONAL,
        requestedFen: 500_001,
      },
    });
    expect(code(res)).toEqual([422, 'OVER_CAP']);
  });
  it('decisions: zero amount 400, over cap 422, empty reason 400, unknown kind 400', async () => {
    const { id } = await apply(tokens.trading01, 'hire-local', [
      ...HIRE_LOCAL_REQUIRED,
      upload('insurance_proof'),
    ]);
    const d = (body: unknown) =>
      call(decide, 'POST /v1/applications/{id}/decision', {
        token: tokens.finl1,
        params: { id },
        body,
      });
    expect(code(await d({ kind: 'approve', amountFen: 0 }))).toEqual([400, 'INVALID_INPUT']);
    expect(code(await d({ kind: 'approve', amountFen: 20_000_001 }))).toEqual([422, 'OVER_CAP']);
    expect(code(await d({ kind: 'reject', reason: '   ' }))).toEqual([400, 'INVALID_INPUT']);
    expect(code(await d({ kind: 'pay', amountFen: 1 }))).toEqual([400, 'INVALID_INPUT']);
    expect((await d({ kind: 'reject', reason: '新增人员非本县户籍' })).status).toBe(200);
    // illegal transitions on a rejected application → 409
    expect(code(await d({ kind: 'approve', amountFen: 100 }))).toEqual([409, 'WRONG_STATE']);
    expect(
      code(
        await call(withdraw, 'POST /v1/applications/{id}', {
          token: tokens.trading01,
          params: { id },
          body: {},
        }),
      ),
    ).toEqual([409, 'WRONG_STATE']);
    expect(
      code(
        await call(supplement, 'POST /v1/applications/{id}/supplement', {
          token: tokens.trading01,
          params: { id },
          body: { materials: [upload('insurance_proof')] },
        }),
      ),
    ).toEqual([409, 'WRONG_STATE']);
    // rejected is closed: the subject may apply again
    expect((await apply(tokens.trading01, 'hire-local', HIRE_LOCAL_REQUIRED)).status).toBe(
      'pending_supplement',
    );
  });
  it('supplement that still leaves a 容缺 material missing → 400', async () => {
    const { id } = await apply(tokens.wangxm01, 'startup-grant', STARTUP_ALL_BUT_OPTIONAL);
    const res = await call(supplement, 'POST /v1/applications/{id}/supplement', {
      token: tokens.wangxm01,
      params: { id },
      body: { materials: [upload('id_card')] },
    });
    expect(code(res)).toEqual([400, 'INVALID_INPUT']);
    expect(res.body.error.details.missing).toEqual(['operating_proof']);
  });
});

describe('login', () => {
  it('WeChat (fake adapter): bad code 401, unbound openid 403, bound 200 — no session_key in the answer', async () => {
    expect(
      code(await call(login, 'POST /v1/auth/login', { body: { wechatCode: 'garbage' } })),
    ).toEqual([401, 'UNAUTHENTICATED']);
    expect(
      code(await call(login, 'POST /v1/auth/login', { body: { wechatCode: 'ok-nobody' } })),
    ).toEqual([403, 'FORBIDDEN']);
    await bindOpenId('fake-openid-wang', 'usr_wangxm01' as UserId);
    const res = await call(login, 'POST /v1/auth/login', { body: { wechatCode: 'ok-wang' } });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe('usr_wangxm01');
    expect(JSON.stringify(res.body)).not.toMatch(/session_key|sessionKey|openid/i);
  });
  it('dev login: unknown user 401, bad id 400, both fields 400, disabled 403', async () => {
    expect(
      code(await call(login, 'POST /v1/auth/login', { body: { devUserId: 'usr_nobody' } })),
    ).toEqual([401, 'UNAUTHENTICATED']);
    expect(
      code(await call(login, 'POST /v1/auth/login', { body: { devUserId: 'admin' } })),
    ).toEqual([400, 'INVALID_INPUT']);
    expect(
      code(
        await call(login, 'POST /v1/auth/login', {
          body: { devUserId: 'usr_admin01', wechatCode: 'ok-x' },
        }),
      ),
    ).toEqual([400, 'INVALID_INPUT']);
    process.env.DEV_LOGIN = 'off';
    try {
      expect(
        code(await call(login, 'POST /v1/auth/login', { body: { devUserId: 'usr_admin01' } })),
      ).toEqual([403, 'FORBIDDEN']);
    } finally {
      process.env.DEV_LOGIN = 'on';
    }
  });
});
