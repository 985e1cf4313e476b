/** 政策沙盘 report: counts, total, the distribution and failing conditions as bars, the comparison and the budget verdict. */
import type { SandboxView } from '../../api/studio';
import { getAllByTestId, render } from '../../test-support/render';
import { SandboxReport } from './index';

jest.mock('../../api/studio', () => ({}));

const report: SandboxView = {
  id: 'run_sandbox~1',
  policyId: 'hire-local',
  version: 2,
  title: '吸纳本县劳动力就业奖补',
  versionStatus: 'draft',
  versionStatusLabel: '草稿',
  asOf: '2026-11-28',
  status: 'completed',
  segmentsTotal: 8,
  segmentsDone: 8,
  subjectsScanned: 33,
  startedAt: '2026-11-28T02:00:00.000Z',
  lastErrors: [],
  counts: {
    subjects: 33,
    eligible: 20,
    ineligible: 10,
    incomplete: 3,
    payable: 20,
    zeroAmount: 0,
    errors: 0,
  },
  totalFen: 3_000_000,
  averageFen: 150_000,
  distribution: [
    { fromFen: 50_000, toFen: 100_000, count: 10 },
    { fromFen: 100_000, toFen: 200_000, count: 10 },
    { fromFen: 10_000_000, count: 0 },
  ],
  failingConditions: [{ id: 'sme', label: '属于中小微企业', count: 4 }],
  comparison: {
    baselineVersion: 1,
    baselinePayable: 20,
    baselineTotalFen: 5_000_000,
    gainers: 0,
    gainedFen: 0,
    losers: 10,
    lostFen: 2_000_000,
    newlyEligible: 0,
    noLongerEligible: 0,
    netFen: -2_000_000,
  },
  budget: {
    fiscalYear: 2026,
    allocatedFen: 2_000_000,
    committedFen: 0,
    remainingFen: 2_000_000,
    covers: false,
    shortfallFen: 1_000_000,
    source: 'line',
  },
};

test('shows the figures in Chinese, bars for each non-empty bucket and condition, and the shortfall', async () => {
  const container = await render(<SandboxReport r={report} />);
  const getByTestId = (_: HTMLElement, id: string) => getAllByTestId(container, id)[0];
  expect(getByTestId(container, 'sandbox-total').textContent).toContain(
    '预计兑付 20 户，合计 ¥30,000.00',
  );
  // 3 verdict bars + 2 buckets + 1 condition + the budget
  expect(getAllByTestId(container, 'sandbox-bar')).toHaveLength(7);
  expect(getByTestId(container, 'sandbox-comparison').textContent).toContain(
    '减少 10 户（共 ¥20,000.00',
  );
  expect(container.textContent).toContain('缺口 ¥10,000.00');
  expect(getByTestId(container, 'sandbox-budget').textContent).toContain('预算不足');
});
