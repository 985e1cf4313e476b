/**
 * The hourly 公示 close tells its refusals apart by code and `details.reason`, never by text
 * (issue #15: close-publicity.ts used to look for 异议 in the message). The messages here are
 * deliberately rewritten: the outcome must not change with them.
 */
import { instant } from '../calendar';
import { DomainError } from '../errors';
import { publicityCloseRefusal, requirePublicityOver } from './common';
import { approvedAmountOf } from './application';

const NOW = instant('2026-03-10T01:00:00Z');

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal');
}

describe('publicityCloseRefusal', () => {
  it('an open objection is found by its reason, whatever the message says', () => {
    const e = thrown(() => {
      requirePublicityOver(undefined, { objectionsOpen: 1 } as never, NOW);
    });
    expect(publicityCloseRefusal(e)).toBe('objection_open');
    const reworded = new DomainError('WRONG_STATE', 'Objections pending (any wording)', {
      reason: 'OBJECTION_OPEN',
    });
    expect(publicityCloseRefusal(reworded)).toBe('objection_open');
  });

  it('a message that mentions 异议 but carries no such reason is not an open objection', () => {
    const e = new DomainError('WRONG_STATE', '异议已处理，公示期未满', {
      reason: 'PUBLICITY_NOT_OVER',
    });
    expect(publicityCloseRefusal(e)).toBe('not_due');
  });

  it('a period not over is not due, with its own reason', () => {
    const e = thrown(() => {
      requirePublicityOver(instant('2026-03-11T00:00:00Z'), { objectionsOpen: 0 } as never, NOW);
    });
    expect((e as DomainError).details).toMatchObject({ reason: 'PUBLICITY_NOT_OVER' });
    expect(publicityCloseRefusal(e)).toBe('not_due');
  });

  it('the budget by its code; anything else is an error to log', () => {
    expect(publicityCloseRefusal(new DomainError('BUDGET_EXHAUSTED', '预算不足'))).toBe(
      'budget_exhausted',
    );
    expect(publicityCloseRefusal(new DomainError('NOT_FOUND', '异议'))).toBeUndefined();
    expect(publicityCloseRefusal(new Error('公示期内有未处理的异议'))).toBeUndefined();
  });

  it('an application without an approved amount reserves nothing (reason NO_APPROVED_AMOUNT)', () => {
    expect((thrown(() => approvedAmountOf({})) as DomainError).details).toEqual({
      reason: 'NO_APPROVED_AMOUNT',
    });
    expect(approvedAmountOf({ approvedFen: 500 as never })).toBe(500);
  });
});
