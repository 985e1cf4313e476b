/**
 * GET /v1/admin/recoveries (issue #10, the admin's 追回 page), through the real handlers: the
 * recoveries of a policy by status, a page at a time with a signed cursor; admin only.
 */
import { handler as listHandler } from '../../../functions/http/list-recoveries/handler';
import { handler as openHandler } from '../../../functions/http/open-recovery/handler';
import { handler as recoveredHandler } from '../../../functions/http/record-recovery/handler';
import { handler as closePublicityJob } from '../../../functions/schedule/close-publicity/handler';
import { handler as disburseJob } from '../../../functions/schedule/disburse/handler';
import { putPayeeOnFile } from '../../../functions/repositories/grants';
import { openBudget } from '../../../functions/repositories/ledger';
import { instantOf } from '../../../shared/calendar';
import { fen } from '../../../shared/money';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { AMOUNT, applicationInPublicity, payableGrant, policyId } from './payables-support';
import { adminToken, applicantToken, daysAfter, fakeTreasury, PAYEE, T_RUN, uscc } from './support';

jest.setTimeout(180_000);

const LIST = 'GET /v1/admin/recoveries';
const OPEN = 'POST /v1/admin/payables/{kind}/{id}/recovery';

describe('GET /v1/admin/recoveries', () => {
  let fake: FakeTreasury;
  let admin: string;
  let appId: string;
  let grantIds: string[];
  beforeAll(async () => {
    process.env.SCHEDULE_CLOCK_OVERRIDE = 'on';
    await freshTable();
    await openBudget(policyId, 2020, fen(100 * AMOUNT));
    fake = await fakeTreasury('ok');
    admin = await adminToken();
    const a = await applicationInPublicity(301);
    await putPayeeOnFile(a.subjectId, PAYEE, instantOf(T_RUN));
    await closePublicityJob({ asOf: daysAfter(T_RUN, 6).toISOString() });
    const g1 = await payableGrant(302);
    const g2 = await payableGrant(303);
    await disburseJob({ asOf: daysAfter(T_RUN, 7).toISOString() });
    appId = a.id;
    grantIds = [g1.id, g2.id];
    const open = async (kind: string, id: string, amountFen: number) => {
      const res = await call(openHandler, OPEN, {
        token: admin,
        params: { kind, id },
        body: { amountFen, reason: '审计发现重复享受' },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const rcv = await open('application', appId, 10_000);
    await open('grant', grantIds[0]!, 20_000);
    await open('grant', grantIds[1]!, 30_000);
    const done = await call(recoveredHandler, 'POST /v1/admin/recoveries/{id}/recovered', {
      token: admin,
      params: { id: rcv },
      body: { note: '已缴回' },
    });
    expect(done.status).toBe(200);
  });
  afterAll(async () => {
    delete process.env.SCHEDULE_CLOCK_OVERRIDE;
    await fake.stop();
  });

  it('lists a policy’s recoveries by status, with amounts and reasons', async () => {
    const open = await call(listHandler, LIST, {
      token: admin,
      query: { policyId, status: 'open' },
    });
    expect(open.status).toBe(200);
    expect(open.body.items).toHaveLength(2);
    expect(open.body.items.map((r: { itemId: string }) => r.itemId).sort()).toEqual(
      [...grantIds].sort(),
    );
    expect(open.body.items[0]).toMatchObject({
      status: 'open',
      statusLabel: '追回中',
      itemKind: 'grant',
      paidFen: AMOUNT,
      reason: '审计发现重复享受',
    });
    const recovered = await call(listHandler, LIST, {
      token: admin,
      query: { policyId, status: 'recovered' },
    });
    expect(recovered.status).toBe(200);
    expect(recovered.body.items).toEqual([
      expect.objectContaining({
        itemKind: 'application',
        itemId: appId,
        status: 'recovered',
        amountFen: 10_000,
        closeNote: '已缴回',
      }),
    ]);
    const none = await call(listHandler, LIST, {
      token: admin,
      query: { policyId, status: 'written_off' },
    });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ items: [] });
  });

  it('pages with a signed cursor; a foreign cursor is a 400', async () => {
    const first = await call(listHandler, LIST, {
      token: admin,
      query: { policyId, status: 'open', limit: '1' },
    });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await call(listHandler, LIST, {
      token: admin,
      query: { policyId, status: 'open', limit: '1', cursor: first.body.nextCursor },
    });
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    // the same cursor on another status's list is refused
    const foreign = await call(listHandler, LIST, {
      token: admin,
      query: { policyId, status: 'recovered', cursor: first.body.nextCursor },
    });
    expect(foreign.status).toBe(400);
  });

  it('is for admins only, and checks its query', async () => {
    const { token: applicant } = await applicantToken(uscc(301));
    expect(
      (await call(listHandler, LIST, { token: applicant, query: { policyId, status: 'open' } }))
        .status,
    ).toBe(403);
    expect(
      (await call(listHandler, LIST, { token: admin, query: { policyId, status: 'paid' } })).status,
    ).toBe(400);
    expect(
      (await call(listHandler, LIST, { token: admin, query: { status: 'open' } })).status,
    ).toBe(400);
  });
});
