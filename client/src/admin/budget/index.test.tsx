/** 预算专账 (issue #11): lines in yuan, the journal on demand, approval only after a confirmation, refusals in Chinese. */
import { ApiError } from '../../api/client';
import {
  approveBudgetChange,
  getBudgetLine,
  listBudgetLines,
  listPendingBudgetChanges,
  rejectBudgetChange,
  type BudgetChangeView,
  type BudgetLineView,
} from '../../api/budget';
import {
  click,
  findByText,
  getAllByTestId,
  getByText,
  render,
  waitFor,
} from '../../test-support/render';
import { confirmModal, rejectWithReason } from '../../test-support/type-into';
import AdminBudgetPage from './index';

jest.mock('../../api/budget', () => ({
  listBudgetLines: jest.fn(),
  getBudgetLine: jest.fn(),
  listPendingBudgetChanges: jest.fn(),
  approveBudgetChange: jest.fn(),
  rejectBudgetChange: jest.fn(),
}));
const linesMock = listBudgetLines as jest.MockedFunction<typeof listBudgetLines>;
const lineMock = getBudgetLine as jest.MockedFunction<typeof getBudgetLine>;
const pendingMock = listPendingBudgetChanges as jest.MockedFunction<
  typeof listPendingBudgetChanges
>;
const approveMock = approveBudgetChange as jest.MockedFunction<typeof approveBudgetChange>;
const rejectMock = rejectBudgetChange as jest.MockedFunction<typeof rejectBudgetChange>;

const LINE: BudgetLineView = {
  policyId: 'hire-local',
  policyTitle: '吸纳本县劳动力奖补',
  fiscalYear: 2026,
  allocatedFen: 500_000_000,
  reservedFen: 12_345_600,
  paidFen: 100_000,
  remainingFen: 487_554_400,
};
const CHANGE: BudgetChangeView = {
  id: 'bch_0123456789abcdef0123456789abcdef',
  kind: 'top_up',
  kindLabel: '追加',
  policyId: 'hire-local',
  policyTitle: '吸纳本县劳动力奖补',
  fiscalYear: 2026,
  amountFen: 123_456_700,
  reason: '就业补助资金追加',
  documentNo: '高财社〔2026〕15号',
  status: 'requested',
  statusLabel: '待审批',
  requestedBy: 'usr_admin01',
  requestedAt: '2026-11-27T02:00:00.000Z',
  canApprove: true,
};

beforeEach(() => {
  jest.clearAllMocks();
  linesMock.mockResolvedValue({ items: [LINE] });
  pendingMock.mockResolvedValue({ items: [] });
});

test('each line shows allocated, reserved, paid and remaining in yuan; its journal opens on demand', async () => {
  lineMock.mockResolvedValue({
    line: LINE,
    journal: [
      {
        at: '2026-01-01T00:00:00.000Z',
        kind: 'opening',
        kindLabel: '年初预算',
        deltaFen: 500_000_000,
        reason: '政策预算（第1版）',
      },
      {
        at: '2026-06-01T00:00:00.000Z',
        kind: 'transfer',
        kindLabel: '调剂',
        deltaFen: -100_000,
        reason: '结余调剂',
        documentNo: '高财社〔2026〕31号',
        counterpart: {
          policyId: 'hire-poor',
          policyTitle: '吸纳贫困劳动力就业一次性奖补',
          fiscalYear: 2026,
        },
      },
    ],
    pending: [],
  });
  const page = await render(<AdminBudgetPage />);
  const card = await waitFor(() => getAllByTestId(page, 'budget-line')[0]);
  expect(card.textContent).toContain('吸纳本县劳动力奖补（2026年度）');
  expect(card.textContent).toContain('已安排¥5,000,000.00');
  expect(card.textContent).toContain('已预留¥123,456.00');
  expect(card.textContent).toContain('已拨付¥1,000.00');
  expect(card.textContent).toContain('结余¥4,875,544.00');
  expect(await findByText(page, '暂无待审批的预算调整')).toBeTruthy();
  expect(lineMock).not.toHaveBeenCalled();

  await click(getByText(page, '查看台账'));
  const entries = await waitFor(() => {
    const found = getAllByTestId(page, 'journal-entry');
    if (found.length < 2) throw new Error('journal not shown');
    return found;
  });
  expect(lineMock).toHaveBeenCalledWith('hire-local', 2026);
  expect(entries[0].textContent).toContain('年初预算 +¥5,000,000.00');
  expect(entries[1].textContent).toContain('调剂 −¥1,000.00');
  expect(entries[1].textContent).toContain('文号：高财社〔2026〕31号');
  expect(entries[1].textContent).toContain('调入：吸纳贫困劳动力就业一次性奖补（2026年度）');
  expect(page.textContent).not.toContain('hire-poor');
});

test('approving asks for a confirmation first, then approves and reloads', async () => {
  pendingMock.mockResolvedValue({ items: [CHANGE] });
  approveMock.mockResolvedValue({ ...CHANGE, status: 'approved', statusLabel: '已生效' });
  const page = await render(<AdminBudgetPage />);
  const row = await waitFor(() => getAllByTestId(page, 'budget-change')[0]);
  expect(row.textContent).toContain('追加 ¥1,234,567.00');
  expect(row.textContent).toContain('文号：高财社〔2026〕15号');
  await click(getByText(page, '审批'));
  expect(approveMock).not.toHaveBeenCalled();
  await confirmModal('确认审批');
  await waitFor(() => {
    expect(approveMock).toHaveBeenCalledWith(CHANGE.id);
  });
  expect(await findByText(page, '已审批：追加 ¥1,234,567.00')).toBeTruthy();
  expect(linesMock).toHaveBeenCalledTimes(2);
});

test('the requester cannot approve their own change; a refusal from the server shows in Chinese', async () => {
  pendingMock.mockResolvedValue({ items: [{ ...CHANGE, canApprove: false }] });
  const page = await render(<AdminBudgetPage />);
  expect(await findByText(page, '须由另一名管理员审批')).toBeTruthy();
  expect(() => getByText(page, '审批')).toThrow();

  pendingMock.mockResolvedValue({ items: [{ ...CHANGE, kind: 'cut', kindLabel: '核减' }] });
  approveMock.mockRejectedValue(
    new ApiError(422, 'BUDGET_EXHAUSTED', '核减后预算将低于已占用资金（已预留与已拨付合计）', {
      reason: 'BELOW_COMMITTED',
    }),
  );
  const again = await render(<AdminBudgetPage />);
  await waitFor(() => getAllByTestId(again, 'budget-change')[0]);
  await click(getByText(again, '审批'));
  await confirmModal('确认审批');
  expect(await findByText(again, '核减后预算将低于已占用资金（已预留与已拨付合计）')).toBeTruthy();
});

test('rejecting needs a reason, then sends it', async () => {
  pendingMock.mockResolvedValue({ items: [CHANGE] });
  rejectMock.mockResolvedValue({ ...CHANGE, status: 'rejected', statusLabel: '已驳回' });
  const page = await render(<AdminBudgetPage />);
  await rejectWithReason(page, 'budget-change', '文号与正式文件不符', rejectMock);
  await waitFor(() => {
    expect(rejectMock).toHaveBeenCalledWith(CHANGE.id, '文号与正式文件不符');
  });
  expect(await findByText(page, '已驳回：追加 ¥1,234,567.00')).toBeTruthy();
});

test('a pending change names its policies by title, even a policy with no line on the page (issue #17)', async () => {
  // no line of the list names either policy: the titles come with the change itself
  linesMock.mockResolvedValue({ items: [] });
  pendingMock.mockResolvedValue({
    items: [
      {
        ...CHANGE,
        kind: 'transfer',
        kindLabel: '调剂',
        policyId: 'job-retention-refund',
        policyTitle: '失业保险稳岗返还',
        toPolicyId: 'hire-poor',
        toPolicyTitle: '吸纳贫困劳动力就业一次性奖补',
        toFiscalYear: 2026,
      },
    ],
  });
  const page = await render(<AdminBudgetPage />);
  const row = await waitFor(() => getAllByTestId(page, 'budget-change')[0]);
  expect(row.textContent).toContain(
    '失业保险稳岗返还（2026年度），调入 吸纳贫困劳动力就业一次性奖补（2026年度）',
  );
  expect(page.textContent).not.toMatch(/job-retention-refund|hire-poor/);
});
