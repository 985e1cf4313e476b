/**
 * The daily 容缺 expiry and SLA watch, through their schedule handlers' services: each
 * acts only on what is due, and a rerun changes nothing more.
 */

import { findApplication, saveApplication } from '../../../functions/repositories/applications';
import { pendingNotices } from '../../../functions/repositories/outbox';
import { slaFlagsOf } from '../../../functions/repositories/sla-flags';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { expireSupplements } from '../../../functions/services/supplement-expiry';
import { watchSla } from '../../../functions/services/sla-watch';
import { policyIdOf } from '../../../shared/auto-grant';
import { instantOf, localDateOf } from '../../../shared/calendar';
import type { ApplicationId, UserId } from '../../../shared/ids';
import {
  draftApplication,
  submit,
  SUPPLEMENT_LAPSED_REASON,
  type ApplicationEvent,
} from '../../../shared/lifecycle/application';
import { fen } from '../../../shared/money';
import { freshTable } from '../../support/table';
import { daysAfter, T_RUN, uscc } from './support';

// DynamoDB Local on 2 shared cores: generous, so a slow moment never leaves a run writing into the next test's table.
jest.setTimeout(180_000);

async function submitted(n: number, withOptional: boolean) {
  const subjectId = subjectIdOf(uscc(n));
  const applicant = { kind: 'applicant' as const, userId: `usr_D${n}` as UserId, subjectId };
  const now = instantOf(T_RUN);
  const d = draftApplication(
    {
      id: `app_D${n}` as ApplicationId,
      policyId: policyIdOf('hire-local'),
      policyVersion: 1,
      subjectId,
      department: 'finance',
      terms: {
        capFen: fen(20_000_000),
        reviewLevels: 1,
        publicityDays: 5,
        supplementDays: 10,
        materials: [
          { code: 'roster', name: '花名册', optional: false },
          { code: 'contracts', name: '劳动合同', optional: true },
        ],
      },
      materials: [
        { code: 'roster', uploadKey: 'up/roster' },
        ...(withOptional ? [{ code: 'contracts', uploadKey: 'up/c' }] : []),
      ],
    },
    applicant,
    now,
  );
  const s = submit(d.next, {}, applicant, now);
  const events: ApplicationEvent[] = [...d.events, ...s.events];
  await saveApplication(s.next, events, 'new');
  return s.next;
}

describe('daily jobs: 容缺 expiry and SLA watch', () => {
  beforeAll(async () => {
    await freshTable();
  });

  it('容缺 deadline lapse ends the application once, with a notice', async () => {
    const lapsing = await submitted(1, false);
    const complete = await submitted(2, true);
    expect(lapsing.status).toBe('pending_supplement');
    expect(await expireSupplements({ now: daysAfter(T_RUN, 9) })).toEqual({});
    expect(await expireSupplements({ now: daysAfter(T_RUN, 11) })).toEqual({ lapsed: 1 });
    expect(await findApplication(lapsing.id)).toMatchObject({
      status: 'rejected',
      rejectionReason: SUPPLEMENT_LAPSED_REASON,
    });
    expect((await findApplication(complete.id))?.status).toBe('submitted');
    expect(await expireSupplements({ now: daysAfter(T_RUN, 12) })).toEqual({});
    expect(
      (await pendingNotices()).some(
        (n) => n.aggregate.id === lapsing.id && /逾期/.test(n.notice.text),
      ),
    ).toBe(true);
  });

  it('flags reviews past their working-day deadline, idempotently', async () => {
    const waiting = await submitted(3, true);
    const early = await watchSla({ now: daysAfter(T_RUN, 3) });
    expect(early.overdue).toBe(0);
    const at = daysAfter(T_RUN, 30);
    const late = await watchSla({ now: at });
    expect(late.overdue).toBe(2); // app_D2 and app_D3 wait in the finance queue
    await watchSla({ now: at });
    const flags = await slaFlagsOf(localDateOf(instantOf(at)));
    expect(flags.map((f) => f.applicationId).sort()).toEqual([`app_D2`, waiting.id].sort());
    expect(flags.every((f) => f.overdueBy > 0 && f.department === 'finance')).toBe(true);
  });
});
