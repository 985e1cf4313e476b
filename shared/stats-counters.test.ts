import { counterChange, figuresOf, type Counted } from './stats-counters';
import type { LocalDate } from './calendar';

const grant = (status: string, detectedAt = '2020-12-14T02:00:00.000Z'): Counted => ({
  kind: 'grant',
  policyId: 'pol_hire-local',
  status,
  slaStartAt: detectedAt,
});
const app = (status: string, decidedAt?: string): Counted => ({
  kind: 'application',
  policyId: 'pol_startup-grant',
  status,
  ...(decidedAt ? { slaStartAt: decidedAt } : {}),
});

describe('dashboard counters (issue #16)', () => {
  it('a new grant adds its status and its unpaid day; paying it moves the status and ends the day', () => {
    expect(counterChange(undefined, grant('publicity'))).toEqual(
      new Map([['pol_hire-local', { g_publicity: 1, 'gd_2020-12-14': 1 }]]),
    );
    expect(counterChange(grant('paying'), grant('paid'))).toEqual(
      new Map([['pol_hire-local', { g_paying: -1, g_paid: 1, 'gd_2020-12-14': -1 }]]),
    );
  });

  it('a write that changes nothing counted gives nothing (an account corrected, a note added)', () => {
    expect(counterChange(grant('payable'), grant('payable')).size).toBe(0);
  });

  it('an application is unpaid-due from its decision, in Shanghai’s date', () => {
    expect(counterChange(app('review_l2'), app('approved', '2020-12-15T17:30:00.000Z'))).toEqual(
      new Map([['pol_startup-grant', { a_review_l2: -1, a_approved: 1, 'ad_2020-12-16': 1 }]]),
    );
  });

  it('figures: drafts are not applied, paid items are approved, overdue days follow the SLA', () => {
    const f = figuresOf(
      {
        a_draft: 2,
        a_submitted: 3,
        a_paid: 1,
        a_payable: 2,
        'ad_2020-11-01': 1,
        'ad_2020-12-14': 1,
        g_paid: 4,
        g_detected: 5,
        'gd_2020-11-02': 5,
      },
      (d: LocalDate) => d < '2020-12-01',
    );
    expect(f).toEqual({ applied: 6 + 9, approved: 3 + 4, paid: 5, overdue: 1 + 5 });
  });
});
