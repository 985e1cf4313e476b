/** Items for the payable tests: an application in 公示 and a payable grant, through the real lifecycles. */
import { saveApplication } from '../../../functions/repositories/applications';
import { getGrant, saveGrant } from '../../../functions/repositories/grants';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { closeGrantPublicity } from '../../../functions/services/close-publicity';
import { grantPeriodOf, policyIdOf } from '../../../shared/auto-grant';
import { instantOf } from '../../../shared/calendar';
import type { ApplicationId, UserId } from '../../../shared/ids';
import {
  decide,
  draftApplication,
  submit,
  type Application,
  type ApplicationEvent,
} from '../../../shared/lifecycle/application';
import { detectGrant, type Grant } from '../../../shared/lifecycle/grant';
import { fen } from '../../../shared/money';
import { daysAfter, PAYEE, registerSubject, T_RUN, uscc } from './support';

export const policyId = policyIdOf('hire-local');
export const AMOUNT = 100_000;

/** An application through the real lifecycle to 公示 (ends 5 days after T_RUN), saved. */
export async function applicationInPublicity(n: number): Promise<Application> {
  await registerSubject(uscc(n));
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
      id: `app_P${n}` as ApplicationId,
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
  const s = submit(d.next, {}, applicant, now);
  const a = decide(s.next, { kind: 'approve', amountFen: fen(AMOUNT) }, reviewer, now);
  events.push(...d.events, ...s.events, ...a.events);
  await saveApplication(a.next, events, 'new');
  return a.next;
}

/** The run's detection of an AMOUNT grant for subject `n` at T_RUN (公示 of 5 days, account on file). */
export function detectedGrant(n: number): ReturnType<typeof detectGrant> {
  return detectGrant(
    {
      policyId,
      policyVersion: 1,
      subjectId: subjectIdOf(uscc(n)),
      period: grantPeriodOf({ effectiveFrom: '2020-01-01' }),
      department: 'finance',
      amountFen: fen(AMOUNT),
      capFen: fen(20_000_000),
      publicityDays: 5,
      payee: PAYEE,
    },
    { kind: 'system', job: 'auto-grant' },
    instantOf(T_RUN),
  );
}

/** A grant past 公示 with the account on file, payable (budget reserved). */
export async function payableGrant(n: number): Promise<Grant> {
  await registerSubject(uscc(n));
  const t = detectedGrant(n);
  await saveGrant(t.next, t.events, 'new');
  expect(await closeGrantPublicity(t.next.id, instantOf(daysAfter(T_RUN, 6)))).toBe('payable');
  return getGrant(t.next.id);
}
