/** A golden case from the form (issue #11): the server's own runner passes what the form builds. */
import { PolicyGoldenCase, parsePolicyVersion, runGoldenCases } from '@shared/policies';
import { goldenRows } from '../../test-support/fixtures';
import { blankDocument, conditionOf, fieldChoices, rowOf } from './form';
import { blankGoldenForm, goldenCaseOf } from './golden';

const CHOICES = fieldChoices();
const ROWS = goldenRows;
const version = parsePolicyVersion({
  ...blankDocument('2020-12-15'),
  id: 'county-golden-form',
  title: '县级稳岗奖励（表单用例）',
  summary: '正常经营、参保人数不少于10人的企业可获奖励。',
  eligibility: ROWS.map((r) => conditionOf(r, CHOICES)),
  amount: { op: 'const', value: 300_000 },
  capFen: 300_000,
  office: '高台县政务服务中心二楼',
  phone: '0936-6621001',
  source: { seed: '003_c3feb7f8fe63172f.txt', clause: '县级配套措施', quote: '给予稳岗奖励' },
});

const run = (c: unknown) => runGoldenCases(version, [PolicyGoldenCase.parse(c)], new Map());

test('the blank form is a subject that meets every simple condition', () => {
  const form = blankGoldenForm(ROWS, '2020-12-15');
  expect(form.values).toEqual({ c1: 'operating', c2: '10' });
  const c = goldenCaseOf(
    { ...form, name: '正常经营的企业 → 奖励', amountYuan: '3000' },
    ROWS,
    CHOICES,
    'enterprise',
  );
  expect(c).toMatchObject({ verdict: 'eligible', amountFen: 300_000, asOf: '2020-12-15' });
  expect(run(c)).toEqual([]);
});

test('a failing value and the condition marked to fail: 不符合, and the runner agrees', () => {
  const form = blankGoldenForm(ROWS, '2020-12-15');
  const c = goldenCaseOf(
    {
      ...form,
      name: '参保人数不足',
      verdict: 'ineligible',
      values: { ...form.values, c2: '5' },
      failing: ['c2'],
    },
    ROWS,
    CHOICES,
    'enterprise',
  );
  expect(c).toMatchObject({ verdict: 'ineligible', failing: ['c2'] });
  expect(run(c)).toEqual([]);
  // the wrong expectation is caught by the runner, with its reason
  const wrong = goldenCaseOf(
    { ...form, name: '错的预期', values: { ...form.values, c2: '5' } },
    ROWS,
    CHOICES,
    'enterprise',
  );
  expect(run(wrong)[0]?.name).toBe('错的预期');
});

test('a source left blank is no data: 信息不全', () => {
  const form = blankGoldenForm(ROWS, '2020-12-15');
  const c = goldenCaseOf(
    { ...form, name: '没有社保数据', verdict: 'incomplete', values: { ...form.values, c2: '' } },
    ROWS,
    CHOICES,
    'enterprise',
  );
  expect((c as { facts: { source: string }[] }).facts.map((f) => f.source)).toEqual([
    'market_registry',
  ]);
  expect(run(c)).toEqual([]);
});

test('what to fix, in Chinese', () => {
  const form = blankGoldenForm(ROWS, '2020-12-15');
  expect(goldenCaseOf(form, ROWS, CHOICES, 'enterprise')).toBe('请填写用例名称');
  expect(
    goldenCaseOf({ ...form, name: 'x', asOf: '2020/12/15' }, ROWS, CHOICES, 'enterprise'),
  ).toBe('评估日期格式应为 YYYY-MM-DD');
  expect(
    goldenCaseOf(
      { ...form, name: 'x', values: { ...form.values, c2: '十' } },
      ROWS,
      CHOICES,
      'enterprise',
    ),
  ).toBe('「参保人数不少于10人」应为数字');
  expect(rowOf(conditionOf(ROWS[0], CHOICES))).toEqual(ROWS[0]);
});
