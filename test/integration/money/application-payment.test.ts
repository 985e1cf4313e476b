/**
 * The money half of an application (依申请): approved → 公示 → payable (budget reserved by
 * the hourly job) → paid through the same payment path as grants, to the subject's
 * account on file; a 退票 is retried (补发) as a new attempt, never a second payment of
 * the same attempt.
 */

import { findApplication, saveApplication } from '../../../functions/repositories/applications';
import { putPayeeOnFile } from '../../../functions/repositories/grants';
import { getBudget, openBudget } from '../../../functions/repositories/ledger';
import { paymentsOfItem } from '../../../functions/repositories/payments';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { closePublicityDue } from '../../../functions/services/close-publicity';
import { disburseDue, reconcile } from '../../../functions/services/disburse';
import { policyIdOf } from '../../../shared/auto-grant';
import { instantOf } from '../../../shared/calendar';
import type { ApplicationId, UserId } from '../../../shared/ids';
import {
  decide,
  draftApplication,
  submit,
  type Application,
  type ApplicationEvent,
} from '../../../shared/lifecycle/application';
import { fen } from '../../../shared/money';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { freshTable } from '../../support/table';
import { daysAfter, fakeTreasury, PAYEE, T_RUN, uscc } from './support';

// DynamoDB Local on 2 shared cores: generous, so a slow moment never leaves a run writing into the next test's table.
jest.setTimeout(180_000);

const policyId = policyIdOf('hire-local');

async function approvedApplication(n: number, amount: number): Promise<Application> {
  const subjectId = subjectIdOf(uscc(n));
  const applicant = { kind: 'applicant' as const, userId: `usr_A${n}` as UserId, subjectId };
  const reviewer = {
    kind: 'reviewer' as const,
    userId: 'usr_R1' as UserId,
    department: 'finance' as const,
    level: 1 as const,
  };
  const now = instantOf(T_RUN);
  const events: ApplicationEvent[] = [];
  const d = draftApplication(
    {
      id: `app_T${n}` as ApplicationId,
      policyId,
      policyVersion: 1,
      subjectId,
      department: 'finance',
      terms: {
        capFen: fen(20_000_000),
        reviewLevels: 1,
        publicityDays: 5,
        supplementDays: 10,
        materials: [{ code: 'roster', name: '花名册', optional: false }],
      },
      materials: [{ code: 'roster', uploadKey: 'up/roster' }],
    },
    applicant,
    now,
  );
  events.push(...d.events);
  const s = submit(d.next, {}, applicant, now);
  events.push(...s.events);
  const a = decide(s.next, { kind: 'approve', amountFen: fen(amount) }, reviewer, now);
  events.push(...a.events);
  await saveApplication(a.next, events, 'new');
  return a.next;
}

describe('application: 公示 → payable → paid', () => {
  let fake: FakeTreasury;
  let paidOnce: Application;
  let bounced: Application;
  beforeAll(async () => {
    await freshTable();
    fake = await fakeTreasury('ok');
    await openBudget(policyId, 2020, fen(1_000_000));
    paidOnce = await approvedApplication(7001, 200_000);
    bounced = await approvedApplication(7002, 300_000);
    await putPayeeOnFile(paidOnce.subjectId, PAYEE, instantOf(T_RUN));
    await putPayeeOnFile(
      bounced.subjectId,
      { ...PAYEE, accountNumber: '6222000099998888' },
      instantOf(T_RUN),
    );
    fake.setModeFor(`${bounced.id}:1`, 'return_later');
  });
  afterAll(() => fake.stop());

  it('the hourly job moves ended 公示 to payable, reserving each approved amount', async () => {
    expect((await closePublicityDue({ now: daysAfter(T_RUN, 2) })).applications).toEqual({});
    expect((await closePublicityDue({ now: daysAfter(T_RUN, 6) })).applications).toEqual({
      payable: 2,
    });
    expect(await getBudget(policyId, 2020)).toMatchObject({
      reservedFen: 500_000,
      remainingFen: 500_000,
    });
  });

  it('disburse pays the first; the second is accepted and later returned (退票) → payment_failed, retried as attempt 2', async () => {
    const t1 = daysAfter(T_RUN, 7);
    const r = await disburseDue({ now: t1 });
    expect(r.started).toEqual({ sent: 2 });
    expect((await findApplication(paidOnce.id))?.status).toBe('paid');
    expect((await findApplication(bounced.id))?.status).toBe('paying');
    const rec = await reconcile({ now: daysAfter(t1, 1) });
    expect(rec).toEqual({ returned: 1 });
    const afterReturn = await findApplication(bounced.id);
    expect(afterReturn).toMatchObject({ status: 'payment_failed', paymentAttempt: 1 });
    expect(afterReturn?.paymentFailure).toMatch(/^退票/);
    // retried after its backoff as attempt 2 (a new key), paid
    const retry = await disburseDue({ now: daysAfter(t1, 2) });
    expect(retry.started).toEqual({ sent: 1 });
    expect(await findApplication(bounced.id)).toMatchObject({ status: 'paid', paymentAttempt: 2 });
    expect((await paymentsOfItem(bounced.id)).map((p) => [p.attempt, p.status])).toEqual([
      [1, 'returned'],
      [2, 'paid'],
    ]);
    expect(await paymentsOfItem(paidOnce.id)).toHaveLength(1);
    expect(fake.paidFen()).toBe(500_000);
    expect(await getBudget(policyId, 2020)).toMatchObject({
      reservedFen: 0,
      paidFen: 500_000,
      remainingFen: 500_000,
    });
  });
});
