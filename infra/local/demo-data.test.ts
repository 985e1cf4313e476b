/** The demo must show what it claims: each subject's facts parse, codes are valid, and
 *  the intended policies match (through the real rule engine) while 赵大伯 matches none. */
import { Fact } from '../../shared/facts';
import { evaluate } from '../../shared/rules';
import { DEMO_PARAM_VALUES, DEMO_POLICIES } from './demo-policies';
import { listPolicies } from '../../shared/policies';
import { isValidIdNumber, isValidUscc } from '../../shared/subject';
import { DEMO_CODES, DEMO_FACTS } from './demo-data';

const AS_OF = '2020-12-15';

function eligibleFor(code: string, asOf = AS_OF): string[] {
  const facts = DEMO_FACTS.filter((f) => f.subjectId === code);
  const kind = code.startsWith('91') ? 'enterprise' : 'person';
  return [...listPolicies(), ...DEMO_POLICIES]
    .filter((p) => p.subjectKind === kind)
    .filter((p) => evaluate(p, facts, asOf, { params: DEMO_PARAM_VALUES }).eligible)
    .map((p) => p.id)
    .sort();
}

describe('demo data', () => {
  it('uses valid 统一社会信用代码 and 居民身份证号', () => {
    const codes = Object.values(DEMO_CODES);
    expect(codes.filter((c) => c.startsWith('91')).every(isValidUscc)).toBe(true);
    expect(codes.filter((c) => !c.startsWith('91')).every((c) => isValidIdNumber(c))).toBe(true);
  });

  it('parses every fact', () => {
    for (const f of DEMO_FACTS) expect(Fact.safeParse(f).success).toBe(true);
  });

  it.each([
    ['惠民商贸', DEMO_CODES.trading, ['hire-local', 'job-retention-refund']],
    ['便民餐饮店', DEMO_CODES.eatery, ['rent-waiver-state']],
    ['老街面馆', DEMO_CODES.noodles, ['rent-waiver-state']],
    ['巷口小吃店', DEMO_CODES.snacks, ['rent-waiver-state']],
    ['王小明', DEMO_CODES.graduate, ['startup-grant']],
    ['李秀英', DEMO_CODES.migrant, ['transfer-transport']],
  ])('%s qualifies for the policies the demo shows', (_name, code, expected) => {
    expect(eligibleFor(code)).toEqual(expect.arrayContaining(expected));
  });

  it('赵大伯 qualifies for nothing (the app explains why)', () => {
    expect(eligibleFor(DEMO_CODES.outsider)).toEqual([]);
  });

  it("on today's clock (2026) the current policies match, and only those", () => {
    expect(eligibleFor(DEMO_CODES.trading, '2026-11-28')).toEqual(['hire-local-2026']);
    expect(eligibleFor(DEMO_CODES.graduate, '2026-11-28')).toEqual(['startup-grant-2026']);
    expect(eligibleFor(DEMO_CODES.outsider, '2026-11-28')).toEqual([]);
  });

  it('the 2026 hiring subsidy pays per hire from the dated parameter: ¥1,000, then ¥1,500 from 2027', () => {
    const facts = DEMO_FACTS.filter((f) => f.subjectId === DEMO_CODES.trading);
    const hire = DEMO_POLICIES.find((p) => p.id === 'hire-local-2026');
    if (!hire) throw new Error('no hire-local-2026');
    const on = (d: string) => evaluate(hire, facts, d, { params: DEMO_PARAM_VALUES }).amountFen;
    expect(on('2026-11-28')).toBe(2 * 100_000);
    expect(on('2027-01-04')).toBe(2 * 150_000);
  });
});
