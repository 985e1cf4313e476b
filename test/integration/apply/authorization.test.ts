/**
 * The authorisation matrix: every route × caller (no token, bad token, applicant of the
 * subject, applicant of another subject, reviewer of the department, reviewer of another
 * department, admin, auditor), asserting the exact status. Issue 14: admins and auditors read
 * an application's detail (any department); an auditor is refused every write (403).
 *
 * Documented choice: an applicant of another subject gets 404 (existence is not leaked);
 * a reviewer of another department gets 403 NOT_YOUR_DEPARTMENT / NOT_YOUR_QUEUE.
 */
import { call } from '../../support/http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { handler as getMe } from '../../../functions/http/get-me/handler';
import { handler as matches } from '../../../functions/http/list-matches/handler';
import { handler as listPolicies } from '../../../functions/http/list-policies/handler';
import { handler as getPolicy } from '../../../functions/http/get-policy/handler';
import { handler as devUsers } from '../../../functions/http/auth-dev-users/handler';
import { handler as create } from '../../../functions/http/create-application/handler';
import { handler as list } from '../../../functions/http/list-applications/handler';
import { handler as detail } from '../../../functions/http/get-application/handler';
import { handler as supplement } from '../../../functions/http/supplement-application/handler';
import { handler as withdraw } from '../../../functions/http/withdraw-application/handler';
import { handler as objection } from '../../../functions/http/object-application/handler';
import { handler as decide } from '../../../functions/http/decide-application/handler';
import { handler as queue } from '../../../functions/http/review-queue/handler';
import { handler as batch } from '../../../functions/http/batch-approve/handler';
import { handler as uploads } from '../../../functions/http/create-upload/handler';
import { handler as resolveObjection } from '../../../functions/http/resolve-objection/handler';
import { handler as myObjections } from '../../../functions/http/list-my-objections/handler';
import { handler as account } from '../../../functions/http/provide-account/handler';
import { signSession } from '../../support/session';
import { newId } from '../../../functions/_lib/new-id';
import {
  apply,
  demoCounty,
  STARTUP_ALL_BUT_OPTIONAL,
  ON_FILE,
  upload,
  type DemoUser,
} from './setup';

type Handler = (e: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;
type Caller =
  | 'none'
  | 'bad'
  | 'owner'
  | 'otherApplicant'
  | 'deptReviewer'
  | 'otherDeptReviewer'
  | 'admin'
  | 'auditor';

let tokens: Record<DemoUser, string>;
let auditor: string;
let id: string;
const tokenOf = (c: Caller): string | undefined =>
  ({
    none: undefined,
    bad: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged',
    owner: tokens.wangxm01,
    otherApplicant: tokens.lixy01,
    deptReviewer: tokens.hrssl1,
    otherDeptReviewer: tokens.finl1,
    admin: tokens.admin01,
    auditor,
  })[c];

beforeAll(async () => {
  tokens = await demoCounty();
  auditor = (await signSession({ kind: 'auditor', userId: newId('user') }, new Date())).token;
  // 王小明's startup grant (人社局), submitted with every material
  id = (
    await apply(tokens.wangxm01, 'startup-grant', [
      ...STARTUP_ALL_BUT_OPTIONAL,
      upload('operating_proof'),
    ])
  ).id;
});

interface Row {
  route: string;
  handler: Handler;
  opts?: () => { params?: Record<string, string>; body?: unknown; query?: Record<string, string> };
  expect: Record<Caller, number>;
}

const sha = Buffer.alloc(32, 7).toString('base64');
const ROWS: Row[] = [
  {
    route: 'GET /v1/auth/dev-users',
    handler: devUsers,
    expect: {
      none: 200,
      bad: 200,
      owner: 200,
      otherApplicant: 200,
      deptReviewer: 200,
      otherDeptReviewer: 200,
      admin: 200,
      auditor: 200,
    },
  },
  {
    route: 'GET /v1/policies',
    handler: listPolicies,
    expect: {
      none: 200,
      bad: 200,
      owner: 200,
      otherApplicant: 200,
      deptReviewer: 200,
      otherDeptReviewer: 200,
      admin: 200,
      auditor: 200,
    },
  },
  {
    route: 'GET /v1/policies/{id}',
    handler: getPolicy,
    opts: () => ({ params: { id: 'startup-grant' } }),
    expect: {
      none: 200,
      bad: 200,
      owner: 200,
      otherApplicant: 200,
      deptReviewer: 200,
      otherDeptReviewer: 200,
      admin: 200,
      auditor: 200,
    },
  },
  {
    route: 'GET /v1/me',
    handler: getMe,
    expect: {
      none: 401,
      bad: 401,
      owner: 200,
      otherApplicant: 200,
      deptReviewer: 200,
      otherDeptReviewer: 200,
      admin: 200,
      auditor: 200,
    },
  },
  {
    route: 'GET /v1/me/matches',
    handler: matches,
    expect: {
      none: 401,
      bad: 401,
      owner: 200,
      otherApplicant: 200,
      deptReviewer: 403,
      otherDeptReviewer: 403,
      admin: 403,
      auditor: 403,
    },
  },
  {
    route: 'POST /v1/applications',
    handler: create,
    // a policy neither applicant qualifies for: proves the route is reached without creating anything
    opts: () => ({
      body: { account: ON_FILE, policyId: 'flexible-employment-insurance', materials: [] },
    }),
    expect: {
      none: 401,
      bad: 401,
      owner: 422,
      otherApplicant: 422,
      deptReviewer: 403,
      otherDeptReviewer: 403,
      admin: 403,
      auditor: 403,
    },
  },
  {
    route: 'GET /v1/applications',
    handler: list,
    expect: {
      none: 401,
      bad: 401,
      owner: 200,
      otherApplicant: 200,
      deptReviewer: 200,
      otherDeptReviewer: 200,
      admin: 403,
      auditor: 403,
    },
  },
  {
    route: 'GET /v1/applications/{id}',
    handler: detail,
    opts: () => ({ params: { id } }),
    expect: {
      none: 401,
      bad: 401,
      owner: 200,
      otherApplicant: 404,
      deptReviewer: 200,
      otherDeptReviewer: 403,
      admin: 200,
      auditor: 200,
    },
  },
  {
    route: 'POST /v1/applications/{id}/supplement',
    handler: supplement,
    opts: () => ({ params: { id }, body: { materials: [upload('operating_proof')] } }),
    // owner reaches the transition: submitted cannot be supplemented → 409
    expect: {
      none: 401,
      bad: 401,
      owner: 409,
      otherApplicant: 404,
      deptReviewer: 403,
      otherDeptReviewer: 403,
      admin: 403,
      auditor: 403,
    },
  },
  {
    route: 'POST /v1/applications/{id}/objection',
    handler: objection,
    opts: () => ({ params: { id }, body: { text: '有异议' } }),
    // not in 公示: the owner gets 409; another subject cannot even see it
    expect: {
      none: 401,
      bad: 401,
      owner: 409,
      otherApplicant: 404,
      deptReviewer: 403,
      otherDeptReviewer: 403,
      admin: 403,
      auditor: 403,
    },
  },
  {
    route: 'POST /v1/applications/{id}/decision',
    handler: decide,
    // over the cap: the department's L1 reaches the rule (422) without changing anything
    opts: () => ({ params: { id }, body: { kind: 'approve', amountFen: 500_001 } }),
    expect: {
      none: 401,
      bad: 401,
      owner: 403,
      otherApplicant: 403,
      deptReviewer: 422,
      otherDeptReviewer: 403,
      admin: 403,
      auditor: 403,
    },
  },
  {
    route: 'POST /v1/applications/{id}/objections/{objectionId}/resolve',
    handler: resolveObjection,
    opts: () => ({
      params: { id, objectionId: 'obj_00000000000000000000000000' },
      body: { upheld: false, note: '不成立' },
    }),
    // only the department's final (level-2) reviewer may resolve; level 1 is refused too
    expect: {
      none: 401,
      bad: 401,
      owner: 403,
      otherApplicant: 403,
      deptReviewer: 403,
      otherDeptReviewer: 403,
      admin: 403,
      auditor: 403,
    },
  },
  {
    route: 'GET /v1/me/objections',
    handler: myObjections,
    expect: {
      none: 401,
      bad: 401,
      owner: 200,
      otherApplicant: 200,
      deptReviewer: 403,
      otherDeptReviewer: 403,
      admin: 403,
      auditor: 403,
    },
  },
  {
    route: 'GET /v1/review/queue',
    handler: queue,
    expect: {
      none: 401,
      bad: 401,
      owner: 403,
      otherApplicant: 403,
      deptReviewer: 200,
      otherDeptReviewer: 200,
      admin: 403,
      auditor: 403,
    },
  },
  {
    route: 'POST /v1/review/batch-approve',
    handler: batch,
    opts: () => ({ body: { ids: ['app_00000000000000000000000000'] } }),
    expect: {
      none: 401,
      bad: 401,
      owner: 403,
      otherApplicant: 403,
      deptReviewer: 200,
      otherDeptReviewer: 200,
      admin: 403,
      auditor: 403,
    },
  },
  {
    route: 'POST /v1/uploads',
    handler: uploads,
    opts: () => ({
      body: {
        materialId: 'id_card',
        fileName: 'id.jpg',
        contentType: 'image/jpeg',
        sizeBytes: 1000,
        sha256: sha,
      },
    }),
    expect: {
      none: 401,
      bad: 401,
      owner: 201,
      otherApplicant: 201,
      deptReviewer: 403,
      otherDeptReviewer: 403,
      admin: 403,
      auditor: 403,
    },
  },
  {
    route: 'POST /v1/applications/{id}/account',
    handler: account,
    // the owner confirms the account on file again (a change, harmless); 李秀英 has none on file,
    // yet gets 404 and not 422: visibility is checked before the account
    opts: () => ({ params: { id }, body: { source: 'profile' } }),
    expect: {
      none: 401,
      bad: 401,
      owner: 200,
      otherApplicant: 404,
      deptReviewer: 403,
      otherDeptReviewer: 403,
      admin: 403,
      auditor: 403,
    },
  },
  // last: it changes state
  {
    route: 'POST /v1/applications/{id}/withdraw',
    handler: withdraw,
    opts: () => ({ params: { id }, body: {} }),
    expect: {
      none: 401,
      bad: 401,
      otherApplicant: 404,
      deptReviewer: 403,
      otherDeptReviewer: 403,
      admin: 403,
      auditor: 403,
      owner: 200,
    },
  },
];

describe.each(ROWS)('$route', (row) => {
  it.each(Object.entries(row.expect) as [Caller, number][])('%s → %i', async (caller, status) => {
    const res = await call(row.handler, row.route, {
      token: tokenOf(caller),
      ...(row.opts?.() ?? {}),
    });
    expect(res.status).toBe(status);
    if (status >= 400) expect(typeof res.body.error.code).toBe('string');
  });
});

it('other department on a decision is refused as NOT_YOUR_QUEUE, the queue shows only its own department', async () => {
  const q = await call(queue, 'GET /v1/review/queue', { token: tokens.finl1 });
  expect(q.body.items.every((i: { policyId: string }) => i.policyId !== 'startup-grant')).toBe(
    true,
  );
  const l = await call(list, 'GET /v1/applications', { token: tokens.finl1 });
  expect(l.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
  const mine = await call(list, 'GET /v1/applications', { token: tokens.lixy01 });
  expect(mine.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
});
