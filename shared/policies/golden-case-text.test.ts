import * as ex from '../facts/examples';
import { findPolicy, runGoldenCases, SEED_PARAM_VALUES, type PolicyGoldenCase } from './index';

const seed = findPolicy('startup-grant');
if (!seed) throw new Error('no startup-grant');
const first = seed.eligibility[0];
if (!first) throw new Error('startup-grant has no condition');

const meets: PolicyGoldenCase = {
  name: '毕业生首次创业满12个月 → 5000元',
  facts: [
    ex.personEmployment({
      graduateOn: '2019-06-30',
      firstBusinessStartedOn: '2019-07-01',
      businessMonthsOperating: 17,
      businessOperatingNormally: true,
    }),
    ex.povertyRegistry({}),
  ],
  asOf: '2020-12-15',
  verdict: 'eligible',
  amountFen: 500_000,
};

describe('a failing golden case says why as the admin reads it (issue #17)', () => {
  it('verdicts in Chinese, money in yuan, conditions by their labels — never codes or 分', () => {
    const [failure] = runGoldenCases(
      seed,
      [{ ...meets, verdict: 'ineligible', amountFen: 600_000, failing: [first.id] }],
      SEED_PARAM_VALUES,
    );
    expect(failure?.why).toBe(
      `结论应为「不符合」，实际为「符合」；金额应为 ¥6,000.00，实际为 ¥5,000.00；不满足的条件应为「${first.label}」，实际为无`,
    );
    expect(failure?.why).not.toMatch(/eligible|\d\s*分/);
  });
});
