import { instant } from './calendar';
import { progressSteps, type ProgressInput } from './progress';

// 2020-12-15 (Tue) 10:00 in Shanghai; 10 working days later is 2020-12-29 (Tue)
const SUBMITTED = instant('2020-12-15T02:00:00.000Z');
const base: ProgressInput = {
  status: 'review_l1',
  submittedAt: SUBMITTED,
  publicityDays: 5,
  paymentSlaWorkingDays: 5,
};
const brief = (i: ProgressInput) =>
  progressSteps(i).map((s) => `${s.key}:${s.state}:${s.doneOn ?? ''}:${s.expectedOn ?? ''}`);

describe('progressSteps (办件进度 stepper)', () => {
  it('in review: expected dates from the review SLA, 公示 days and the payment SLA in working days', () => {
    expect(brief(base)).toEqual([
      'submit:done:2020-12-15:',
      'review:current::2020-12-29',
      'publicity:upcoming::2021-01-03',
      // 2021-01-03 is a Sunday; 元旦 holiday Jan 1–3; 5 working days after → 2021-01-08
      'payment:upcoming::2021-01-08',
    ]);
  });

  it('in 公示 and paid: the real dates replace the expected ones', () => {
    const decided = {
      ...base,
      status: 'publicity',
      decidedAt: instant('2020-12-18T02:00:00.000Z'),
      publicityEndsAt: instant('2020-12-23T02:00:00.000Z'),
    };
    expect(brief(decided)).toEqual([
      'submit:done:2020-12-15:',
      'review:done:2020-12-18:',
      'publicity:current::2020-12-23',
      'payment:upcoming::2020-12-30',
    ]);
    expect(
      brief({ ...decided, status: 'paid', paidAt: instant('2020-12-24T02:00:00.000Z') }),
    ).toEqual([
      'submit:done:2020-12-15:',
      'review:done:2020-12-18:',
      'publicity:done:2020-12-23:',
      'payment:done:2020-12-24:',
    ]);
    expect(brief({ ...decided, status: 'payable' })[3]).toBe('payment:current::2020-12-30');
  });

  it('refused: the review is done, nothing after it is reached', () => {
    expect(
      brief({ ...base, status: 'rejected', decidedAt: instant('2020-12-16T02:00:00.000Z') }),
    ).toEqual([
      'submit:done:2020-12-15:',
      'review:done:2020-12-16:',
      'publicity:skipped::',
      'payment:skipped::',
    ]);
    expect(brief({ ...base, status: 'withdrawn' }).slice(1)).toEqual([
      'review:skipped::',
      'publicity:skipped::',
      'payment:skipped::',
    ]);
  });

  it('leaves a date out when the calendar year is unknown', () => {
    const far = progressSteps({ ...base, submittedAt: instant('2099-06-01T02:00:00.000Z') });
    expect(far[1]).toEqual({ key: 'review', label: '部门审核', state: 'current' });
  });
});
