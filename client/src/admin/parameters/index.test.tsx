/** 政策参数 (issue #11): values in yuan with dates, propose from a date, four eyes on approval, refusals in Chinese. */
import { ApiError, clearSession, setSession } from '../../api/client';
import {
  decideParameterValue,
  listParameters,
  proposeParameterValue,
  type ParameterList,
  type ParameterView,
} from '../../api/studio';
import {
  click,
  findByText,
  getAllByTestId,
  getByText,
  render,
  waitFor,
} from '../../test-support/render';
import { confirmModal, rejectWithReason, typeInto } from '../../test-support/type-into';
import AdminParametersPage, { parseValueInput } from './index';

jest.mock('../../api/studio', () => ({
  listParameters: jest.fn(),
  proposeParameterValue: jest.fn(),
  decideParameterValue: jest.fn(),
}));
const listMock = listParameters as jest.MockedFunction<typeof listParameters>;
const proposeMock = proposeParameterValue as jest.MockedFunction<typeof proposeParameterValue>;
const decideMock = decideParameterValue as jest.MockedFunction<typeof decideParameterValue>;

const BONUS: ParameterView = {
  name: 'hire-local-2026.per-person',
  label: '每吸纳1人奖补标准',
  unit: 'fen',
  note: '县里按年度发布',
  values: [
    { from: '2026-01-01', value: 100_000 },
    { from: '2027-01-01', value: 150_000 },
  ],
  updatedAt: '2026-01-01T00:00:00.000Z',
  revision: 2,
  policyTitles: ['吸纳本县劳动力就业奖补（2026年）'],
};
const RATE: ParameterView = {
  name: 'job-retention-refund.layoff-rate-max',
  label: '裁员率上限',
  unit: 'bp',
  values: [{ from: '2020-01-01', value: 550 }],
  updatedAt: '2020-01-01T00:00:00.000Z',
  revision: 1,
  policyTitles: ['失业保险稳岗返还'],
};
const proposal = (canApprove: boolean) => ({
  from: '2027-03-01',
  value: 180_000,
  note: '县政府常务会议决定',
  proposedBy: 'usr_admin01',
  proposedAt: '2026-11-27T02:00:00.000Z',
  canApprove,
});
const list = (items: ParameterView[]): ParameterList => ({ items, asOf: '2026-11-28' });

beforeEach(() => {
  jest.clearAllMocks();
  listMock.mockResolvedValue(list([BONUS, RATE]));
  setSession({ token: 't', userId: 'usr_admin02', role: 'admin', name: '政策审核管理员' });
});
afterEach(() => {
  clearSession();
});
const asProposer = () => {
  setSession({ token: 't', userId: 'usr_admin01', role: 'admin', name: '平台管理员' });
};

test('each parameter shows the value in force today, later values with their dates, and its policies — in yuan and %, never a name or 分', async () => {
  const page = await render(<AdminParametersPage />);
  const cards = await waitFor(() => getAllByTestId(page, 'parameter'));
  expect(cards[0].textContent).toContain('每吸纳1人奖补标准');
  expect(cards[0].textContent).toContain('适用政策：吸纳本县劳动力就业奖补（2026年）');
  expect(cards[0].textContent).toContain('现行取值¥1,000.00自 2026年1月1日 起');
  expect(getAllByTestId(page, 'later-value')[0].textContent).toContain(
    '待生效自 2027年1月1日 起 ¥1,500.00',
  );
  expect(cards[1].textContent).toContain('现行取值5.5%');
  expect(page.textContent).toContain('暂无待审核的新取值');
  expect(page.textContent).toContain('今天 2026年11月28日');
  // issue #17: no parameter or policy id, no amount in 分 or 基点
  expect(page.textContent).not.toMatch(/hire-local|job-retention|[a-z]+-[a-z0-9]+|\d\s*分|基点/);
});

test('the proposer sees 需另一位管理员审核 and no approval on its own proposal; it may withdraw it', async () => {
  asProposer();
  listMock.mockResolvedValue(list([{ ...BONUS, proposals: [proposal(false)] }, RATE]));
  const page = await render(<AdminParametersPage />);
  const row = await waitFor(() => getAllByTestId(page, 'parameter-proposal')[0]);
  expect(row.textContent).toContain('每吸纳1人奖补标准 ¥1,800.00');
  expect(row.textContent).toContain('自 2027年3月1日 起生效');
  expect(row.textContent).toContain('此前取值：¥1,500.00');
  expect(row.textContent).toContain('说明：县政府常务会议决定');
  expect(row.textContent).toContain('需另一位管理员审核');
  expect(row.textContent).not.toContain('审核通过');
  expect(row.textContent).not.toContain('usr_admin01');
  expect(row.textContent).toContain('撤回');
  expect(row.textContent).not.toContain('驳回');
});

test('a second admin approves after a confirmation; the page reloads', async () => {
  listMock.mockResolvedValue(list([{ ...BONUS, proposals: [proposal(true)] }, RATE]));
  decideMock.mockResolvedValue({ ...BONUS });
  const page = await render(<AdminParametersPage />);
  await waitFor(() => getAllByTestId(page, 'parameter-proposal')[0]);
  await click(getByText(page, '审核通过'));
  expect(decideMock).not.toHaveBeenCalled();
  await confirmModal('确认通过');
  await waitFor(() => {
    expect(decideMock).toHaveBeenCalledWith(BONUS.name, '2027-03-01', 'approve');
  });
  expect(
    await findByText(page, '已通过：每吸纳1人奖补标准自2027年3月1日起调整为 ¥1,800.00'),
  ).toBeTruthy();
  expect(listMock).toHaveBeenCalledTimes(2);
});

test('rejecting needs a reason, then sends it', async () => {
  listMock.mockResolvedValue(list([{ ...BONUS, proposals: [proposal(true)] }]));
  decideMock.mockResolvedValue({ ...BONUS });
  const page = await render(<AdminParametersPage />);
  await rejectWithReason(page, 'parameter-proposal', '未经县政府常务会议研究', decideMock);
  await waitFor(() => {
    expect(decideMock).toHaveBeenCalledWith(
      BONUS.name,
      '2027-03-01',
      'reject',
      '未经县政府常务会议研究',
    );
  });
});

test('proposing: a value in yuan from a date is sent in fen; the server refusing a past day shows its Chinese message', async () => {
  proposeMock.mockRejectedValueOnce(
    new ApiError(400, 'INVALID_INPUT', '参数取值只能从今天（2026-11-28）或以后生效', {
      reason: 'RETROACTIVE',
      path: ['from'],
    }),
  );
  proposeMock.mockResolvedValueOnce({ ...BONUS, proposals: [proposal(false)] });
  const page = await render(<AdminParametersPage />);
  await waitFor(() => getAllByTestId(page, 'parameter'));
  await click(getAllByTestId(page, 'parameter')[0].querySelector('.param-card__propose')!);
  const form = await waitFor(() => getAllByTestId(page, 'propose-form')[0]);
  expect(form.textContent).toContain('生效日期（今天 2026年11月28日 或以后）');
  expect(form.textContent).toContain('新取值（元）');

  await typeInto(form, 'input', '2026-11-01', 0);
  await typeInto(form, 'input', '1800', 1);
  await click(getByText(page, '提交审核'));
  expect(await findByText(page, '参数取值只能从今天（2026-11-28）或以后生效')).toBeTruthy();
  expect(proposeMock).toHaveBeenLastCalledWith(BONUS.name, { from: '2026-11-01', value: 180_000 });

  await typeInto(form, 'input', '2027-03-01', 0);
  await typeInto(form, 'textarea', '县政府常务会议决定');
  await click(getByText(page, '提交审核'));
  await waitFor(() => {
    expect(proposeMock).toHaveBeenLastCalledWith(BONUS.name, {
      from: '2027-03-01',
      value: 180_000,
      note: '县政府常务会议决定',
    });
  });
  expect(
    await findByText(
      page,
      '已提交：每吸纳1人奖补标准自2027年3月1日起 ¥1,800.00，待另一位管理员审核',
    ),
  ).toBeTruthy();
});

test('a value that is not a plain amount is refused before anything is sent', async () => {
  const page = await render(<AdminParametersPage />);
  await waitFor(() => getAllByTestId(page, 'parameter'));
  await click(getAllByTestId(page, 'parameter')[0].querySelector('.param-card__propose')!);
  const form = await waitFor(() => getAllByTestId(page, 'propose-form')[0]);
  await typeInto(form, 'input', '1,800.555', 1);
  await click(getByText(page, '提交审核'));
  expect(await findByText(page, '金额格式不正确，例如 1500 或 1500.50')).toBeTruthy();
  expect(proposeMock).not.toHaveBeenCalled();
});

test('parseValueInput reads yuan, percent and counts without floating point', () => {
  expect(parseValueInput('1,500.5', 'fen')).toBe(150_050);
  expect(parseValueInput('5.5', 'bp')).toBe(550);
  expect(parseValueInput('20%', 'bp')).toBe(2000);
  expect(parseValueInput('12', 'month')).toBe(12);
  expect(parseValueInput('1.5', 'month')).toBe('请填写整数（单位：个月）');
  expect(parseValueInput('', 'fen')).toBe('请填写新取值');
});
