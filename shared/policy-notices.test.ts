import * as ex from './facts/examples';
import type { SubjectId } from './ids';
import { findPolicy, SEED_PARAM_VALUES as params, type PolicyVersion } from './policies';
import { nearMissNotice, oneConditionShort } from './policy-notices';
import type { Fact } from './facts/fact';

const transferStable = findPolicy('transfer-stable') as PolicyVersion;
const worker = (code: string, months: number, poor = true): Fact[] => [
  ex.povertyRegistry({ registeredPoor: poor }, code),
  ex.personEmployment({ transferredOrganised: true, transferredOn: '2020-05-01' }, code),
  ex.personInsurance({ employment: 'employed', consecutiveMonths: months }, code),
];
const subject = (n: number, facts: Fact[]) => ({
  subjectId: `sub_${String(n)}` as SubjectId,
  facts,
});

describe('oneConditionShort', () => {
  const page = [
    subject(1, worker(ex.DEMO_PERSON, 2)), // one month short
    subject(2, worker(ex.DEMO_PERSON, 4)), // eligible
    subject(3, worker(ex.DEMO_PERSON, 2, false)), // two conditions short
    subject(4, [ex.marketRegistry()]), // an enterprise: not the policy's kind
    subject(5, [ex.povertyRegistry({ registeredPoor: true })]), // facts missing: undecided
  ];

  it('finds only the subject exactly one condition short, with the condition and the hint', () => {
    const short = oneConditionShort(page, transferStable, '2020-12-15', params);
    expect(short).toEqual([
      {
        subjectId: 'sub_1',
        condition: expect.objectContaining({ id: 'stable_3_months' }) as unknown,
        hint: '再稳定就业1个月即可申请',
      },
    ]);
  });

  it('says the policy, the condition, what was found and what would meet it, in Chinese', () => {
    const [miss] = oneConditionShort(page, transferStable, '2020-12-15', params);
    if (!miss) throw new Error('no near miss');
    const n = nearMissNotice(transferStable, miss);
    expect(n.template).toBe('application_status');
    expect(n.status).toBe('还差一项');
    expect(n.text).toContain(
      `新政策「${transferStable.title}」：您只差一项条件「${miss.condition.label}」`,
    );
    expect(n.text).toContain('连续缴费月数：2个月');
    expect(n.text).toMatch(/，再稳定就业1个月即可申请$/);
    expect(n.text).not.toMatch(/[a-z]+_[a-z]+|分/);
  });
});
