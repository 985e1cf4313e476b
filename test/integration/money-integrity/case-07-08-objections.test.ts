/**
 * Issue #10, cases 7 and 8, through the real handlers on DynamoDB Local.
 *
 * 7. Objections used to be appended to the application item with no limit: a stranger could
 *    grow it towards DynamoDB's 400 KB item limit (then resolve and the 公示 close fail for
 *    good), and the objection route answered that stranger with the application's detail.
 *    Now each objection is its own item, 3 per objector, ≤ 500 characters, and the objector
 *    gets back only their own objection and its ruling.
 * 8. Four eyes: the level-2 decider is never the level-1 decider, and an objection's resolver
 *    is never the objector (403 FOUR_EYES).
 *
 * One 王小明 startup-grant application (人社局, two levels) walks through all of it, in order.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { call } from '../../support/http';
import { DEMO_USERS } from '../../../infra/local/demo-data';
import { signSession } from '../../support/session';
import { db, tableName } from '../../../functions/repositories/table';
import type { ApplicationId, SubjectId, UserId } from '../../../shared/ids';
import type { Application } from '../../../shared/lifecycle/application';
import { saveApplication } from '../../../functions/repositories/applications';
import { handler as decide } from '../../../functions/http/decide-application/handler';
import { handler as batchApprove } from '../../../functions/http/batch-approve/handler';
import { handler as getApplication } from '../../../functions/http/get-application/handler';
import { handler as objection } from '../../../functions/http/object-application/handler';
import { handler as resolveObjection } from '../../../functions/http/resolve-objection/handler';
import { handler as myObjections } from '../../../functions/http/list-my-objections/handler';
import { handler as closePublicityJob } from '../../../functions/schedule/close-publicity/handler';
import {
  apply,
  demoCounty,
  idemKey,
  STARTUP_ALL_BUT_OPTIONAL,
  upload,
  type DemoUser,
} from '../apply/setup';

let tokens: Record<DemoUser, string>;
let id: string;
const REVIEWER_NOTE = '经核查社保缴费记录，异议不成立（复审备注）';

const userId = (name: string) => `usr_${name}` as UserId;
const subjectOf = (name: string) => {
  const u = DEMO_USERS.find((x) => x.id === userId(name));
  if (!u || u.role !== 'applicant') throw new Error(`no demo applicant ${name}`);
  return u.subjectId as SubjectId;
};

const object = (token: string, text: string, key?: string) =>
  call(objection, 'POST /v1/applications/{id}/objection', {
    token,
    params: { id },
    body: { text },
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });
const resolve = (token: string, objectionId: string, upheld: boolean, note: string) =>
  call(resolveObjection, 'POST /v1/applications/{id}/objections/{objectionId}/resolve', {
    token,
    params: { id, objectionId },
    body: { upheld, note },
  });
const detail = (token: string) =>
  call(getApplication, 'GET /v1/applications/{id}', { token, params: { id } });

/** The application's state item as stored: its size in bytes (as JSON) and its attributes. */
async function storedState(): Promise<{ bytes: number; state: Record<string, unknown> }> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: { PK: `APP#${id}`, SK: 'STATE' },
      ConsistentRead: true,
    }),
  );
  if (!Item) throw new Error('application item missing');
  return {
    bytes: Buffer.byteLength(JSON.stringify(Item)),
    state: Item.state as Record<string, unknown>,
  };
}

beforeAll(async () => {
  tokens = await demoCounty();
  const created = await apply(tokens.wangxm01, 'startup-grant', [
    ...STARTUP_ALL_BUT_OPTIONAL,
    upload('operating_proof'),
  ]);
  expect(created.status).toBe('submitted');
  id = created.id as string;
});

describe('case 7 and 8: objections and four eyes', () => {
  it('case 8: the same reviewer cannot decide both level 1 and level 2', async () => {
    const l1 = await call(decide, 'POST /v1/applications/{id}/decision', {
      token: tokens.hrssl1,
      params: { id },
      body: { kind: 'approve', amountFen: 500_000 },
    });
    expect(l1.status).toBe(200);
    expect(l1.body.status).toBe('review_l2');
    expect((await storedState()).state.l1DecidedBy).toBe('usr_hrssl1');

    // 陈科员 is made a level-2 reviewer (same user id, new session): the decision she already made at level 1 is not hers to confirm
    const promoted = (
      await signSession(
        { kind: 'reviewer', userId: userId('hrssl1'), department: 'hrss', level: 2 },
        new Date(),
      )
    ).token;
    for (const body of [
      { kind: 'approve', amountFen: 500_000 },
      { kind: 'reject', reason: '不符合' },
      { kind: 'return', note: '补充材料' },
    ]) {
      const again = await call(decide, 'POST /v1/applications/{id}/decision', {
        token: promoted,
        params: { id },
        body,
      });
      expect(again.status).toBe(403);
      expect(again.body.error).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'FOUR_EYES' },
      });
    }
    const batch = await call(batchApprove, 'POST /v1/review/batch-approve', {
      token: promoted,
      body: { ids: [id] },
    });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({
      approved: 0,
      failed: 1,
      results: [{ id, ok: false, error: { code: 'FORBIDDEN' } }],
    });

    // an item sent to level 2 before the decider was recorded: the audit trail names them
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { PK: `APP#${id}`, SK: 'STATE' },
        UpdateExpression: 'REMOVE #s.l1DecidedBy',
        ExpressionAttributeNames: { '#s': 'state' },
      }),
    );
    expect((await storedState()).state.l1DecidedBy).toBeUndefined();
    const old = await call(decide, 'POST /v1/applications/{id}/decision', {
      token: promoted,
      params: { id },
      body: { kind: 'approve', amountFen: 500_000 },
    });
    expect(old.status).toBe(403);
    expect(old.body.error.details.reason).toBe('FOUR_EYES');

    const l2 = await call(decide, 'POST /v1/applications/{id}/decision', {
      token: tokens.hrssl2,
      params: { id },
      body: { kind: 'approve', amountFen: 500_000 },
    });
    expect(l2.status).toBe(200);
    expect(l2.body.status).toBe('publicity');
  });

  it('case 7: an unrelated applicant cannot grow the application: 3 objections each, ≤ 500 characters, stored as their own items', async () => {
    const before = await storedState();
    const text = (n: number) => `第${n}条异议：`.padEnd(500, '异');
    const statuses: number[] = [];
    const reasons: (string | undefined)[] = [];
    for (let n = 1; n <= 50; n++) {
      const r = await object(tokens.lixy01, text(n));
      statuses.push(r.status);
      reasons.push(r.body?.error?.details?.reason);
    }
    expect(statuses.slice(0, 3)).toEqual([201, 201, 201]);
    expect(statuses.slice(3)).toEqual(Array(47).fill(409));
    expect(new Set(reasons.slice(3))).toEqual(new Set(['OBJECTION_LIMIT']));

    const tooLong = await object(tokens.zhaodb01, '异'.repeat(501));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('INVALID_INPUT');

    // concurrent objections of one objector are counted exactly: 3 of 6 pass
    const burst = await Promise.all(
      Array.from({ length: 6 }, (_, n) => object(tokens.trading01, `并发异议 ${n}`)),
    );
    expect(burst.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409, 409]);
    expect(
      burst
        .filter((r) => r.status === 409)
        .every((r) => r.body.error.details.reason === 'OBJECTION_LIMIT'),
    ).toBe(true);

    // an idempotent retry of an accepted objection answers the same and counts once
    const key = idemKey('obj');
    const first = await object(tokens.eatery01, '同一次提交', key);
    const replay = await object(tokens.eatery01, '同一次提交', key);
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);

    // the application item only counts them: measured, it stays the size it was
    const after = await storedState();
    expect(after.state.objections).toBeUndefined();
    expect(after.state).toMatchObject({ objectionsRaised: 7, objectionsOpen: 7 });
    expect(after.bytes - before.bytes).toBeLessThan(200);
    expect(after.bytes).toBeLessThan(8 * 1024);

    // the department's reviewer sees every objection, read from the objection items
    const staff = await detail(tokens.hrssl2);
    expect(staff.status).toBe(200);
    expect(staff.body.objections).toHaveLength(7);
    expect(staff.body.objections.every((o: { resolved: boolean }) => !o.resolved)).toBe(true);
  });

  it('case 7: the objector sees only their own objection and its ruling', async () => {
    const res = await object(tokens.zhaodb01, '该申请人并非首次创业');
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual([
      'applicationId',
      'id',
      'raisedAt',
      'status',
      'statusLabel',
      'text',
    ]);
    expect(res.body).toMatchObject({
      applicationId: id,
      text: '该申请人并非首次创业',
      status: 'open',
    });

    // the application itself stays hidden from a stranger, during 公示 too
    const hidden = await detail(tokens.zhaodb01);
    expect(hidden.status).toBe(404);

    // the department rules; the objector reads the ruling, and nothing else
    const ruled = await resolve(tokens.hrssl2, res.body.id, false, REVIEWER_NOTE);
    expect(ruled.status).toBe(200);
    const mine = await call(myObjections, 'GET /v1/me/objections', { token: tokens.zhaodb01 });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      {
        id: res.body.id,
        applicationId: id,
        text: '该申请人并非首次创业',
        raisedAt: res.body.raisedAt,
        status: 'dismissed',
        statusLabel: '异议不成立',
        ruling: { upheld: false, note: REVIEWER_NOTE, at: expect.any(String) },
      },
    ]);
    const seen = JSON.stringify(mine.body);
    for (const leak of [
      'timeline',
      'materials',
      'returnNote',
      'rejectionReason',
      '500000',
      '第1条异议',
      '并发异议',
      'usr_',
    ]) {
      expect(seen).not.toContain(leak);
    }

    // another objector's list holds only their own three
    const lixy = await call(myObjections, 'GET /v1/me/objections', {
      token: tokens.lixy01,
      query: { limit: '2' },
    });
    expect(lixy.status).toBe(200);
    expect(lixy.body.items).toHaveLength(2);
    const rest = await call(myObjections, 'GET /v1/me/objections', {
      token: tokens.lixy01,
      query: { cursor: lixy.body.nextCursor },
    });
    expect(rest.status).toBe(200);
    const all = [...lixy.body.items, ...rest.body.items];
    expect(all).toHaveLength(3);
    expect(
      all.every(
        (o: { text: string; status: string }) => o.text.startsWith('第') && o.status === 'open',
      ),
    ).toBe(true);
  });

  it("case 8: an objection's resolver is never the objector", async () => {
    // 刘科长 (hrssl2) also holds an applicant account under the same user id, and objects
    const asApplicant = (
      await signSession(
        { kind: 'applicant', userId: userId('hrssl2'), subjectId: subjectOf('machine01') },
        new Date(),
      )
    ).token;
    const own = await object(asApplicant, '本人提出的异议');
    expect(own.status).toBe(201);
    const self = await resolve(tokens.hrssl2, own.body.id, false, '本人处理本人的异议');
    expect(self.status).toBe(403);
    expect(self.body.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'FOUR_EYES' } });
    // another level-2 reviewer of the department may rule on it
    const other = (
      await signSession(
        { kind: 'reviewer', userId: userId('hrssl3'), department: 'hrss', level: 2 },
        new Date(),
      )
    ).token;
    const ruled = await resolve(other, own.body.id, false, '由其他复审人员处理');
    expect(ruled.status).toBe(200);
  });

  it('case 7: the reviewer rules on every objection and the 公示 close still works', async () => {
    const staff = await detail(tokens.hrssl2);
    expect(staff.status).toBe(200);
    const open = staff.body.objections.filter((o: { resolved: boolean }) => !o.resolved) as {
      id: string;
    }[];
    expect(open).toHaveLength(7);
    process.env.SCHEDULE_CLOCK_OVERRIDE = 'on';
    const after = new Date(Date.parse(staff.body.publicityEndsAt) + 60_000).toISOString();
    expect(await closePublicityJob({ asOf: after })).toMatchObject({
      applications: { objection_open: 1 },
    });

    for (const o of open) {
      const r = await resolve(tokens.hrssl2, o.id, false, '经核查，异议不成立');
      expect(r.status).toBe(200);
    }
    const twice = await resolve(tokens.hrssl2, open[0]!.id, true, '再次处理');
    expect(twice.status).toBe(400);
    expect((await storedState()).state).toMatchObject({
      objectionsRaised: 9,
      objectionsOpen: 0,
      status: 'publicity',
    });

    expect(await closePublicityJob({ asOf: after })).toMatchObject({
      applications: { payable: 1 },
    });
    const owner = await detail(tokens.wangxm01);
    expect(owner.status).toBe(200);
    expect(owner.body.status).toBe('payable');
    expect(owner.body.objections).toHaveLength(9);
  });

  it('case 7: an application stored with the old inline objections array still loads, is ruled on and closes', async () => {
    // the shape earlier versions stored: objections inside the state, no counters
    const { state } = await storedState();
    const legacyId = 'app_01LEGACY0000000000000000000' as ApplicationId;
    const endsAt = String(state.publicityEndsAt);
    const { objectionsRaised: _r, objectionsOpen: _o, ...rest } = state;
    const legacy = {
      ...rest,
      id: legacyId,
      status: 'publicity',
      version: 5,
      objections: [
        {
          id: 'obj_01LEGACY00000000000000000A',
          raisedBy: 'usr_lixy01',
          text: '旧版异议（已处理）',
          raisedAt: '2020-12-16T01:00:00.000Z',
          resolution: {
            upheld: false,
            note: '不成立',
            by: 'usr_hrssl2',
            at: '2020-12-16T02:00:00.000Z',
          },
        },
        {
          id: 'obj_01LEGACY00000000000000000B',
          raisedBy: 'usr_lixy01',
          text: '旧版异议（待处理）',
          raisedAt: '2020-12-16T03:00:00.000Z',
        },
      ],
    } as unknown as Application;
    await saveApplication(legacy, [], 'new');
    const prev = id;
    id = legacyId;
    try {
      const staff = await detail(tokens.hrssl2);
      expect(staff.status).toBe(200);
      expect(
        staff.body.objections.map((o: { text: string; resolved: boolean }) => [o.text, o.resolved]),
      ).toEqual([
        ['旧版异议（已处理）', true],
        ['旧版异议（待处理）', false],
      ]);
      const after = new Date(Date.parse(endsAt) + 60_000).toISOString();
      expect(await closePublicityJob({ asOf: after })).toMatchObject({
        applications: { objection_open: 1 },
      });
      const ruled = await resolve(
        tokens.hrssl2,
        'obj_01LEGACY00000000000000000B',
        false,
        '经核查不成立',
      );
      expect(ruled.status).toBe(200);
      expect(ruled.body.objections.map((o: { resolved: boolean }) => o.resolved)).toEqual([
        true,
        true,
      ]);
      expect((await storedState()).state).toMatchObject({ objectionsRaised: 2, objectionsOpen: 0 });
      expect(await closePublicityJob({ asOf: after })).toMatchObject({
        applications: { payable: 1 },
      });
    } finally {
      id = prev;
    }
  });
});
