/**
 * 首页 renders what /v1/me/matches and /v1/me/todos return: 待办 banners first, amounts
 * through formatFen, the engine's reasons, non-matches folded under one line, the no-match
 * summary with a call and a subscription, and the error state with the server's message.
 */
import Taro from '@tarojs/taro';
import { fen } from '@shared/money';
import { ApiError, clearSession, setSession } from '../../api/client';
import { listMatches, subscribeToNewPolicies, type Match } from '../../api/policies';
import { listTodos, type Todo } from '../../api/todos';
import { setElderMode } from '../../elder/mode';
import { go } from '../../navigation';
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

jest.mock('../../api/policies', () => ({
  listMatches: jest.fn(),
  subscribeToNewPolicies: jest.fn(),
}));
jest.mock('../../api/todos', () => ({ listTodos: jest.fn() }));
jest.mock('../../navigation', () => ({ go: jest.fn() }));
const listMatchesMock = listMatches as jest.MockedFunction<typeof listMatches>;
const listTodosMock = listTodos as jest.MockedFunction<typeof listTodos>;
const subscribeMock = subscribeToNewPolicies as jest.MockedFunction<typeof subscribeToNewPolicies>;
const goMock = go as jest.MockedFunction<typeof go>;

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
  listTodosMock.mockReset();
  listTodosMock.mockResolvedValue({ items: [] });
  goMock.mockReset();
  setElderMode(false);
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
  // the not-eligible policy folds under one line; opened, it shows the failing condition and no amount
  expect(getAllByTestId(page, 'match')).toHaveLength(2);
  expect(queryByText(page, '承租国有房屋（未查到租赁备案）')).toBeNull();
  await click(getByText(page, '另有 1 项暂不符合，查看原因 ›'));
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

const todo = (t: Partial<Todo>): Todo => ({
  key: 'confirm_account:grt_1',
  kind: 'confirm_account',
  title: '请确认收款账户',
  detail: '交通补贴（免申即享）确认收款账户后即可发放',
  policyTitle: '交通补贴',
  grantId: 'grt_1',
  ...t,
});

test('a 待办 banner per task comes first, opens its form, and counts on the 首页 tab', async () => {
  const badge = jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'ok' });
  listMatchesMock.mockResolvedValue({ asOf: '2020-12-15', items: matches });
  listTodosMock.mockResolvedValue({
    items: [
      todo({}),
      todo({
        key: 'supplement_due:app_1',
        kind: 'supplement_due',
        title: '请补交容缺材料',
        detail: '一次性创业补贴：请于2020-12-25前补交',
        grantId: undefined,
        applicationId: 'app_1',
      }),
    ],
  });
  const page = await render(<HomePage />);
  expect(await findByText(page, '待办（2）')).toBeTruthy();
  const banners = getAllByTestId(page, 'todo');
  expect(banners).toHaveLength(2);
  // the banners sit above the matched policies
  const first = getAllByTestId(page, 'match')[0];
  expect(banners[0].compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  await click(getByText(page, '请确认收款账户'));
  expect(goMock).toHaveBeenCalledWith('/pages/grants/index');
  await click(getByText(page, '请补交容缺材料'));
  expect(goMock).toHaveBeenCalledWith('/pages/application-detail/index?id=app_1');
  expect(badge).toHaveBeenCalledWith({ index: 0, text: '2' });
  badge.mockRestore();
});

const missed = (id: string, failing: string[], hint?: string): Match => ({
  ...matches[2],
  policyId: id,
  title: `政策${id}`,
  phone: '0936-6621234',
  office: '高台县人社局就业服务中心',
  nearMiss: {
    failing: failing.map((label, i) => ({ id: `c${String(i)}`, label, detail: '' })),
    ...(hint ? { hint } : {}),
  },
});

test('for someone whom nothing fits: a summary, the nearest policy and what it misses, a call, a subscription', async () => {
  subscribeMock.mockResolvedValue({ topic: 'new_policy', subscribed: true });
  listMatchesMock.mockResolvedValue({
    asOf: '2020-12-15',
    subscribed: false,
    items: [
      missed('a', ['输转后稳定就业连续满3个月'], '再稳定就业1个月即可申请'),
      missed('b', ['属于首次创业', '正常经营满12个月']),
    ],
  });
  const page = await render(<HomePage />);
  expect(await findByText(page, '已为您核对 2 项政策，目前暂无符合条件的政策。')).toBeTruthy();
  expect(getAllByTestId(page, 'nearest')).toHaveLength(2);
  expect(getByText(page, '还差：输转后稳定就业连续满3个月')).toBeTruthy();
  expect(getByText(page, '再稳定就业1个月即可申请')).toBeTruthy();
  expect(getByText(page, '另有 2 项暂不符合，查看原因 ›')).toBeTruthy();
  // H5 calls through a tel: link (the mini-program through Taro.makePhoneCall)
  const call = getAllByTestId(page, 'call')[0] as HTMLAnchorElement;
  expect(call.getAttribute('href')).toBe('tel:0936-6621234');
  expect(call.textContent).toBe('拨打住建局电话 0936-6621234');
  await click(getByText(page, '有新政策时提醒我'));
  expect(await findByText(page, '已开启提醒：有适合您的新政策时会通知您')).toBeTruthy();
  expect(subscribeMock).toHaveBeenCalledTimes(1);
});

test('长辈版 shows only what the person can get or must do: no reasons, no folded non-matches', async () => {
  setElderMode(true);
  listMatchesMock.mockResolvedValue({ asOf: '2020-12-15', items: matches });
  const page = await render(<HomePage />);
  expect(await findByText(page, '吸纳本县劳动力就业补贴')).toBeTruthy();
  expect(getAllByTestId(page, 'match')).toHaveLength(2);
  expect(queryByText(page, '新招本县劳动力稳定就业满 6 个月（3）')).toBeNull();
  expect(queryByText(page, '另有 1 项暂不符合，查看原因 ›')).toBeNull();
  setElderMode(false);
});
