/**
 * 运营看板 (issue #16): per policy both completion rates — the seeds' (应享 516 户 · 已兑现 71 户,
 * by households and by amount, as of the population's date) and today's (已批准中已支付) —
 * "unknown" rather than 0% before a population is counted, and a recount on demand.
 */
import { getStats, refreshPopulation, type PolicyStats, type StatsView } from '../../api/admin';
import { ApiError } from '../../api/client';
import { click, findByText, getAllByTestId, getByText, render } from '../../test-support/render';
import AdminDashboardPage from './index';

jest.mock('../../api/admin', () => ({ getStats: jest.fn(), refreshPopulation: jest.fn() }));
const statsMock = getStats as jest.MockedFunction<typeof getStats>;
const refreshMock = refreshPopulation as jest.MockedFunction<typeof refreshPopulation>;

const policy = (over: Partial<PolicyStats>): PolicyStats => ({
  policyId: 'rent-waiver',
  title: '国有房屋房租减免',
  mode: 'auto',
  applied: 90,
  approved: 80,
  paid: 71,
  paidFen: 1_310_000,
  reservedFen: 0,
  budgetFen: 50_000_000,
  remainingFen: 48_690_000,
  completionRateBp: 8875,
  overdue: 0,
  ...over,
});

const view = (items: PolicyStats[]): StatsView => ({
  items,
  departments: [
    {
      department: 'finance',
      label: '财政局',
      policies: 1,
      applied: 90,
      approved: 80,
      paid: 71,
      paidFen: 1_310_000,
      overduePayments: 0,
      overdueReviews: 0,
      seedsCompletion: {
        policies: 1,
        asOf: '2020-12-15',
        shouldCount: 516,
        shouldFen: 20_000_000,
        doneCount: 71,
        doneFen: 1_310_000,
        countRateBp: 1376,
        amountRateBp: 655,
      },
    },
  ],
  asOf: '2020-12-15T02:00:00.000Z',
});

const SEEDS = {
  asOf: '2020-12-15',
  version: 1,
  computedAt: '2020-12-15T03:30:00.000Z',
  shouldCount: 516,
  shouldFen: 20_000_000,
  doneCount: 71,
  doneFen: 1_310_000,
  countRateBp: 1376,
  amountRateBp: 655,
};

beforeEach(() => jest.clearAllMocks());

test('shows the seeds’ rate (516 should, 71 done: 13.76%, 6.55% by amount) beside today’s (paid ÷ approved)', async () => {
  statsMock.mockResolvedValue(view([policy({ seedsCompletion: SEEDS })]));
  const page = await render(<AdminDashboardPage />);
  await findByText(page, '应享 516 户 · 已兑现 71 户（13.76%）· 按金额 6.55%（截至 2020-12-15）');
  getByText(page, '应享金额 ¥200,000.00 · 已兑现 ¥13,100.00');
  getByText(page, '已批准 80 件中已支付 71 件（88.8%）');
  getByText(
    page,
    '应享 516 户 · 已兑现 71 户（13.76%）· 按金额 6.55%（1 项政策，截至 2020-12-15）',
  );
});

test('before a population is counted the rate is unknown, never 0%, and a recount fills it in', async () => {
  statsMock
    .mockResolvedValueOnce(view([policy({ seedsCompletion: null })]))
    .mockResolvedValue(view([policy({ seedsCompletion: SEEDS })]));
  refreshMock.mockResolvedValue({
    runId: 'run_population~rent-waiver~x',
    policyId: 'rent-waiver',
    version: 1,
    asOf: '2020-12-15',
    status: 'completed',
    segmentsTotal: 8,
    segmentsDone: 8,
    subjectsScanned: 600,
    count: 516,
    amountFen: 20_000_000,
    startedAt: '2020-12-15T03:30:00.000Z',
  });
  const page = await render(<AdminDashboardPage />);
  await findByText(page, '应享人群尚未测算，应享完成率暂不可知');
  expect(page.textContent).not.toContain('0.00%');
  await click(getByText(page, '立即测算应享人群'));
  expect(refreshMock).toHaveBeenCalledWith('rent-waiver', expect.any(String));
  await findByText(page, '应享 516 户 · 已兑现 71 户（13.76%）· 按金额 6.55%（截至 2020-12-15）');
  expect(getAllByTestId(page, 'seeds-completion')).toHaveLength(1);
});

test('a refused recount says why, in Chinese', async () => {
  statsMock.mockResolvedValue(view([policy({ seedsCompletion: null })]));
  refreshMock.mockRejectedValue(new ApiError(403, 'FORBIDDEN', '只有平台管理员可以执行此操作'));
  const page = await render(<AdminDashboardPage />);
  await click(await findByText(page, '立即测算应享人群'));
  await findByText(page, '只有平台管理员可以执行此操作');
});
