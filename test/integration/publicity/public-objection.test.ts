/**
 * Issue 14, public 公示: the list anyone reads without logging in, and a stranger's objection
 * from it stopping a 免申即享 payment until the department has ruled on it — through the real
 * handlers on DynamoDB Local, with the fake treasury.
 */
import { handler as confirmHandler } from '../../../functions/http/confirm-grant/handler';
import { handler as listGrantsHandler } from '../../../functions/http/list-grants/handler';
import { handler as listPublicity } from '../../../functions/http/list-publicity/handler';
import { handler as objectPublicity } from '../../../functions/http/object-publicity/handler';
import { handler as getPublicObjection } from '../../../functions/http/get-public-objection/handler';
import { handler as objectionQueue } from '../../../functions/http/list-objection-queue/handler';
import { handler as resolveGrantObjection } from '../../../functions/http/resolve-grant-objection/handler';
import { putFacts } from '../../../functions/repositories/facts';
import { getGrant } from '../../../functions/repositories/grants';
import { paymentsOfItem } from '../../../functions/repositories/payments';
import { processRun, startRun } from '../../../functions/services/auto-grant';
import { closePublicityDue } from '../../../functions/services/close-publicity';
import { disburseDue } from '../../../functions/services/disburse';
import { now as clockNow } from '../../../functions/_lib/clock';
import { newId } from '../../../functions/_lib/new-id';
import type { GrantId } from '../../../shared/ids';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { call, event } from '../../support/http';
import { signSession } from '../../support/session';
import { freshTable } from '../../support/table';
import {
  AS_OF,
  applicantToken,
  daysAfter,
  enterpriseFacts,
  fakeTreasury,
  registerSubject,
  T_RUN,
  uscc,
} from '../money/support';

jest.setTimeout(180_000);

const PUBLIC_LIST = 'GET /v1/publicity';
const OBJECT = 'POST /v1/publicity/{kind}/{id}/objections';
const LOOKUP = 'GET /v1/publicity/objections/{objectionId}';
const QUEUE = 'GET /v1/review/objections';
const RESOLVE = 'POST /v1/grants/{id}/objections/{objectionId}/resolve';

const NAMES = ['公示甲商贸有限公司', '公示乙商贸有限公司'];
let fake: FakeTreasury;
let grants: GrantId[];
let hrss: string;
let finance: string;

/** Two enterprises' hire-local grants (财政局), each confirmed and so in 公示. */
beforeAll(async () => {
  await freshTable();
  fake = await fakeTreasury('ok');
  const codes = [uscc(9401), uscc(9402)];
  for (const [i, code] of codes.entries()) {
    await putFacts(enterpriseFacts(code, 'twelve'));
    await registerSubject(code, NAMES[i]);
  }
  const run = await startRun(
    { asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 1 },
    { now: T_RUN },
  );
  await processRun(run.id, { now: T_RUN });
  grants = [];
  for (const [i, code] of codes.entries()) {
    const { token } = await applicantToken(code);
    const list = await call(listGrantsHandler, 'GET /v1/grants', { token });
    const id = list.body.items[0].id as GrantId;
    const confirmed = await call(confirmHandler, 'POST /v1/grants/{id}/confirm', {
      token,
      params: { id },
      body: {
        accountName: NAMES[i],
        bankName: '甘肃银行高台支行',
        accountNumber: '6222000011112222',
      },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('publicity');
    grants.push(id);
  }
  finance = (
    await signSession(
      { kind: 'reviewer', userId: newId('user'), department: 'finance', level: 2 },
      new Date(),
    )
  ).token;
  hrss = (
    await signSession(
      { kind: 'reviewer', userId: newId('user'), department: 'hrss', level: 2 },
      new Date(),
    )
  ).token;
});
afterAll(() => fake.stop());

describe('the public 公示 list', () => {
  it('needs no login and shows policy, name (enterprises in full), amount and dates; no account or code', async () => {
    const res = await call(listPublicity, PUBLIC_LIST);
    expect(res.status).toBe(200);
    const mine = res.body.items.filter((e: { id: string }) => grants.includes(e.id as GrantId));
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({
      kind: 'grant',
      policyId: 'hire-local',
      department: 'finance',
      departmentLabel: '财政局',
      amountFen: 400_000,
      startsOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      endsOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(mine.map((e: { name: string }) => e.name).sort()).toEqual([...NAMES].sort());
    expect(mine[0].endsOn > mine[0].startsOn).toBe(true);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('6222000011112222');
    expect(text).not.toContain(uscc(9401));
  });

  it('filters per policy and department, and pages with a cursor', async () => {
    const other = await call(listPublicity, PUBLIC_LIST, { query: { department: 'hrss' } });
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
    const byPolicy = await call(listPublicity, PUBLIC_LIST, {
      query: { policyId: 'hire-local', department: 'finance' },
    });
    expect(byPolicy.status).toBe(200);
    expect(byPolicy.body.items.length).toBeGreaterThanOrEqual(2);
    const first = await call(listPublicity, PUBLIC_LIST, {
      query: { policyId: 'hire-local', limit: '1' },
    });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await call(listPublicity, PUBLIC_LIST, {
      query: { policyId: 'hire-local', limit: '1', cursor: first.body.nextCursor },
    });
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    // a cursor of another filter is refused
    const foreign = await call(listPublicity, PUBLIC_LIST, {
      query: { department: 'finance', cursor: first.body.nextCursor },
    });
    expect(foreign.status).toBe(400);
    const bad = await call(listPublicity, PUBLIC_LIST, { query: { department: 'mars' } });
    expect(bad.status).toBe(400);
  });
});

describe("a stranger's objection from the public list stops the payment until it is resolved", () => {
  let objectionId: string;
  let code: string;

  it('anyone objects with a phone and a reason, without logging in (201: an id and a code)', async () => {
    const id = grants[0] as string;
    const res = await call(objectPublicity, OBJECT, {
      params: { kind: 'grant', id },
      body: { phone: '13912345678', text: '该企业实际未新增本县劳动力，请核查' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'open', statusLabel: '核实中' });
    expect(res.body.code).toMatch(/^[A-Z2-9]{10}$/);
    objectionId = res.body.objectionId;
    code = res.body.code;
    expect(JSON.stringify(res.body)).not.toContain('13912345678');
    expect(await getGrant(grants[0] as GrantId)).toMatchObject({
      status: 'publicity',
      objectionsOpen: 1,
    });
  });

  it('bad input is a 4xx: a bad phone, an empty reason, an unknown item, the wrong kind', async () => {
    const id = grants[0] as string;
    for (const [params, body, status] of [
      [{ kind: 'grant', id }, { phone: '12345', text: '理由' }, 400],
      [{ kind: 'grant', id }, { phone: '13912345678', text: '  ' }, 400],
      [{ kind: 'grant', id: 'grt_nope' }, { phone: '13912345678', text: '理由' }, 404],
      [{ kind: 'application', id }, { phone: '13912345678', text: '理由' }, 404],
      [{ kind: 'loan', id }, { phone: '13912345678', text: '理由' }, 400],
    ] as const) {
      const res = await call(objectPublicity, OBJECT, { params, body });
      expect(res.status).toBe(status);
      expect(typeof res.body.error.code).toBe('string');
    }
  });

  it("goes to the department's queue (contact masked), not another department's", async () => {
    const q = await call(objectionQueue, QUEUE, { token: finance });
    expect(q.status).toBe(200);
    expect(q.body.items).toEqual([
      expect.objectContaining({
        objectionId,
        kind: 'grant',
        itemId: grants[0],
        channel: 'public',
        contactMasked: '139****5678',
      }),
    ]);
    const other = await call(objectionQueue, QUEUE, { token: hrss });
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
    expect((await call(objectionQueue, QUEUE)).status).toBe(401);
  });

  it('the 公示 close keeps it in 公示 past its end, so disburse pays nothing', async () => {
    const later = daysAfter(clockNow(), 10);
    const closed = await closePublicityDue({ now: later });
    expect(closed.grants).toMatchObject({ payable: 1 });
    expect(await getGrant(grants[0] as GrantId)).toMatchObject({ status: 'publicity' });
    expect(await getGrant(grants[1] as GrantId)).toMatchObject({ status: 'payable' });
    await disburseDue({ now: daysAfter(clockNow(), 11) });
    expect(await paymentsOfItem(grants[0] as string)).toEqual([]);
    expect(await paymentsOfItem(grants[1] as string)).toHaveLength(1);
  });

  it('the objector sees only their own objection by id and code; a wrong code is 404', async () => {
    const mine = await call(getPublicObjection, LOOKUP, {
      params: { objectionId },
      query: { code },
    });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({
      objectionId,
      text: '该企业实际未新增本县劳动力，请核查',
      raisedAt: expect.any(String),
      status: 'open',
      statusLabel: '核实中',
    });
    const wrong = await call(getPublicObjection, LOOKUP, {
      params: { objectionId },
      query: { code: 'AAAAAAAAAA' },
    });
    expect(wrong.status).toBe(404);
  });

  it('another department cannot rule; the department dismisses it, and then it is paid', async () => {
    const body = { upheld: false, note: '经核查社保参保记录，新增岗位属实，异议不成立' };
    const params = { id: grants[0] as string, objectionId };
    const foreign = await call(resolveGrantObjection, RESOLVE, { token: hrss, params, body });
    expect(foreign.status).toBe(403);
    const ruled = await call(resolveGrantObjection, RESOLVE, { token: finance, params, body });
    expect(ruled.status).toBe(200);
    expect(ruled.body).toMatchObject({
      status: 'publicity',
      objection: { status: 'dismissed', ruling: { upheld: false, note: body.note } },
    });
    const again = await call(resolveGrantObjection, RESOLVE, { token: finance, params, body });
    expect(again.status).toBe(400);
    expect((await call(objectionQueue, QUEUE, { token: finance })).body.items).toEqual([]);
    const outcome = await call(getPublicObjection, LOOKUP, {
      params: { objectionId },
      query: { code },
    });
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ status: 'dismissed', ruling: { note: body.note } });

    await closePublicityDue({ now: daysAfter(clockNow(), 12) });
    expect(await getGrant(grants[0] as GrantId)).toMatchObject({ status: 'payable' });
    await disburseDue({ now: daysAfter(clockNow(), 13) });
    expect(await getGrant(grants[0] as GrantId)).toMatchObject({ status: 'paid' });
    expect(await paymentsOfItem(grants[0] as string)).toHaveLength(1);
  });
});

describe('rate limits (conditional counters)', () => {
  let target: GrantId;
  beforeAll(async () => {
    // a third enterprise's grant in 公示
    const code = uscc(9403);
    await putFacts(enterpriseFacts(code, 'twelve'));
    await registerSubject(code, '公示丙商贸有限公司');
    const run = await startRun(
      { asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 1 },
      { now: T_RUN },
    );
    await processRun(run.id, { now: T_RUN });
    const { token } = await applicantToken(code);
    target = (await call(listGrantsHandler, 'GET /v1/grants', { token })).body.items[0].id;
    const confirmed = await call(confirmHandler, 'POST /v1/grants/{id}/confirm', {
      token,
      params: { id: target },
      body: {
        accountName: '公示丙商贸有限公司',
        bankName: '甘肃银行高台支行',
        accountNumber: '6222000011113333',
      },
    });
    expect(confirmed.status).toBe(200);
  });

  const objectFrom = async (ip: string, phone: string) => {
    const e = event(OBJECT, {
      params: { kind: 'grant', id: target },
      body: { phone, text: '请核查该企业的用工情况' },
    });
    e.requestContext.http.sourceIp = ip;
    const res = (await objectPublicity(e)) as { statusCode: number; body: string };
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };

  it('one phone: 3 objections per item (409), whatever the IP', async () => {
    for (let i = 0; i < 3; i++)
      expect((await objectFrom(`10.0.1.${i}`, '13700000001')).status).toBe(201);
    const fourth = await objectFrom('10.0.1.9', '13700000001');
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.details.reason).toBe('OBJECTION_LIMIT');
  });

  it('one IP address: 20 a day, then 429, whatever the phone', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await objectFrom('10.0.2.1', `1380000${String(1000 + i)}`);
      expect(res.status).toBe(201);
    }
    const over = await objectFrom('10.0.2.1', '13899999999');
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      details: { reason: 'OBJECTION_RATE_IP' },
    });
    // another address is not limited by it
    expect((await objectFrom('10.0.2.2', '13899999999')).status).toBe(201);
  });
});
