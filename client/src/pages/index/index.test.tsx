/**
 * 首页 renders what /v1/me/matches returns: amounts through formatFen, the
 * engine's reasons, and the error state with the server's message.
 */
import { fen } from '@shared/money';
import { ApiError, clearSession, setSession } from '../../api/client';
import { listMatches, type Match } from '../../api/policies';
import {
  click,
  findByText,
  getAllByTestId,
  getByText,
  queryByText,
  render,
  waitFor,
} from '../../test-support/render';
import HomePage from './index';

jest.mock('../../api/policies', () => ({ listMatches: jest.fn() }));
const listMatchesMock = listMatches as jest.MockedFunction<typeof listMatches>;

const explanation = (
  policyId: string,
  amountFen: number,
  conditions: Match['explanation']['conditions'],
): Match['explanation'] => ({
  policyId,
  version: 1,
  asOf: '2020-12-15',
  verdict: conditions.every((c) => c.passed) ? 'eligible' : 'ineligible',
  eligible: conditions.every((c) => c.passed),
  amountFen: fen(amountFen),
  uncappedAmountFen: fen(amountFen),
  capApplied: false,
  conditions,
  missingFacts: [],
});

const matches: Match[] = [
  {
    policyId: 'hire-local',
    title: '吸纳本县劳动力就业补贴',
    department: 'hrss',
    departmentName: '人社局',
    kind: 'subsidy',
    mode: 'both',
    verdict: 'eligible',
    eligible: true,
    canApply: true,
    estimatedFen: fen(300000),
    explanation: explanation('hire-local', 300000, [
      { id: 'sme', label: '中小微企业', passed: true, values: {} },
      { id: 'hires', label: '新招本县劳动力稳定就业满 6 个月', passed: true, values: { count: 3 } },
    ]),
  },
  {
    policyId: 'job-retention-refund',
    title: '稳岗返还',
    department: 'hrss',
    departmentName: '人社局',
    kind: 'subsidy',
    mode: 'auto',
    verdict: 'eligible',
    eligible: true,
    canApply: false,
    estimatedFen: fen(1234567),
    explanation: explanation('job-retention-refund', 1234567, [
      { id: 'ui', label: '上年度足额缴纳失业保险', passed: true, values: {} },
    ]),
  },
  {
    policyId: 'rent-waiver-state',
    title: '国有房屋租金减免',
    department: 'housing',
    departmentName: '住建局',
    kind: 'rent_waiver',
    mode: 'apply',
    verdict: 'ineligible',
    eligible: false,
    canApply: false,
    estimatedFen: fen(0),
    explanation: explanation('rent-waiver-state', 0, [
      { id: 'lease', label: '承租国有房屋', passed: false, values: { lease: '未查到租赁备案' } },
    ]),
  },
];

beforeEach(() => {
  setSession({
    token: 't',
    userId: 'u-applicant-1',
    role: 'applicant',
    name: '天门某制造有限公司',
  });
  listMatchesMock.mockReset();
});
afterAll(() => clearSession());

test('lists matched policies with formatted amounts, total and reasons', async () => {
  listMatchesMock.mockResolvedValue({ asOf: '2020-12-15', items: matches });
  const page = await render(<HomePage />);

  expect(await findByText(page, '吸纳本县劳动力就业补贴')).toBeTruthy();
  expect(getByText(page, '¥3,000.00')).toBeTruthy();
  expect(getByText(page, '¥12,345.67')).toBeTruthy();
  // total of the eligible ones only: 3,000.00 + 12,345.67
  expect(getAllByTestId(page, 'total')[0].textContent).toBe('¥15,345.67');
  expect(getByText(page, '新招本县劳动力稳定就业满 6 个月（3）')).toBeTruthy();
  expect(getByText(page, '符合条件将自动发放，无需申请')).toBeTruthy();
  // the not-eligible policy is shown apart, with the failing condition and no amount
  expect(getByText(page, '暂不符合的政策')).toBeTruthy();
  expect(getByText(page, '承租国有房屋（未查到租赁备案）')).toBeTruthy();
  expect(queryByText(page, '¥0.00')).toBeNull();
  expect(getAllByTestId(page, 'match')).toHaveLength(3);
});

test('shows the empty state when nothing matches', async () => {
  listMatchesMock.mockResolvedValue({ asOf: '2020-12-15', items: [] });
  const page = await render(<HomePage />);
  expect(await findByText(page, '暂无可享政策')).toBeTruthy();
});

test('shows the server message and a retry on failure', async () => {
  listMatchesMock.mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络不稳定，请稍后重试'));
  const page = await render(<HomePage />);
  expect(await findByText(page, '网络不稳定，请稍后重试')).toBeTruthy();

  listMatchesMock.mockResolvedValueOnce({ asOf: '2020-12-15', items: matches.slice(0, 1) });
  await click(getByText(page, '重试'));
  await waitFor(() => expect(getByText(page, '¥3,000.00')).toBeTruthy());
  expect(listMatchesMock).toHaveBeenCalledTimes(2);
});

test('asks to log in without calling the API when there is no session', async () => {
  clearSession();
  const page = await render(<HomePage />);
  expect(getByText(page, '登录查看')).toBeTruthy();
  expect(listMatchesMock).not.toHaveBeenCalled();
});
