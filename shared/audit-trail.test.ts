import { budgetMovements, isDecision, trailActor, trailStep } from './audit-trail';
import type { GrantEvent } from './lifecycle/grant';
import type { TrailStep } from './schemas/audit';
import type { GrantId, UserId } from './ids';
import type { Instant } from './calendar';

const step = (type: string, at: string, amountFen?: number): TrailStep => ({
  at,
  type,
  label: type,
  ...(amountFen === undefined ? {} : { amountFen }),
});

describe('audit trail (issue 14)', () => {
  it('names who acted by ids and codes, never names', () => {
    expect(
      trailActor({ kind: 'reviewer', userId: 'usr_1' as UserId, department: 'finance', level: 2 }),
    ).toEqual({
      kind: 'reviewer',
      label: '财政局二级审核',
      userId: 'usr_1',
      department: 'finance',
      level: 2,
    });
    expect(trailActor({ kind: 'system', job: 'public-objection' }).label).toBe('公众（公示页面）');
  });

  it('a grant event becomes a step with its edge, amount and reason; cancellations are decisions', () => {
    const e = {
      type: 'GrantCancelled',
      grantId: 'grt_1' as GrantId,
      from: 'publicity',
      to: 'cancelled',
      reason: '异议成立',
      by: { kind: 'reviewer', userId: 'usr_2' as UserId, department: 'hrss', level: 1 },
      at: '2026-03-02T01:00:00.000Z' as Instant,
      version: 3,
    } as GrantEvent;
    const s = trailStep('grant', e);
    expect(s).toMatchObject({
      type: 'GrantCancelled',
      label: '发放取消',
      from: 'publicity',
      to: 'cancelled',
      reason: '异议成立',
      by: { kind: 'reviewer', userId: 'usr_2' },
    });
    expect(isDecision(s)).toBe(true);
    expect(isDecision(step('PublicityStarted', e.at))).toBe(false);
  });

  it('budget: leaving 公示 reserves, paying spends, a cancellation releases only what was reserved, a recovery refunds', () => {
    expect(
      budgetMovements(
        [
          step('PublicityClosed', 't1'),
          step('PaymentSettled', 't2'),
          step('RecoveryRecovered', 't3', 1_000),
        ],
        5_000,
        2020,
      ),
    ).toEqual([
      { at: 't1', movement: 'reserved', amountFen: 5_000, fiscalYear: 2020 },
      { at: 't2', movement: 'spent', amountFen: 5_000, fiscalYear: 2020 },
      { at: 't3', movement: 'refunded', amountFen: 1_000, fiscalYear: 2020 },
    ]);
    expect(budgetMovements([step('GrantCancelled', 't1')], 5_000, 2020)).toEqual([]);
    expect(
      budgetMovements([step('PublicityClosed', 't1'), step('GrantCancelled', 't2')], 5_000, 2020),
    ).toEqual([
      { at: 't1', movement: 'reserved', amountFen: 5_000, fiscalYear: 2020 },
      { at: 't2', movement: 'released', amountFen: 5_000, fiscalYear: 2020 },
    ]);
  });
});
