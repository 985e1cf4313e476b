/** 拨付异常处理 (issue #10): rows with masked accounts; every command sends its reason; cancel asks first; refusals show in Chinese. */
import {
  correctPayableAccount,
  listPayables,
  operatePayable,
  type PayableItemView,
} from '../../api/payables';
import { ApiError } from '../../api/client';
import { listPolicies } from '../../api/policies';
import { startupGrant } from '../../test-support/fixtures';
import {
  click,
  findByText,
  getAllByTestId,
  getByText,
  render,
  waitFor,
} from '../../test-support/render';
import { confirmModal, typeInto } from '../../test-support/type-into';
import AdminPayablesPage from './index';

jest.mock('../../api/payables', () => ({
  listPayables: jest.fn(),
  operatePayable: jest.fn(),
  correctPayableAccount: jest.fn(),
}));
jest.mock('../../api/policies', () => ({ listPolicies: jest.fn() }));
const listMock = listPayables as jest.MockedFunction<typeof listPayables>;
const operateMock = operatePayable as jest.MockedFunction<typeof operatePayable>;
const correctMock = correctPayableAccount as jest.MockedFunction<typeof correctPayableAccount>;

const item = (over: Partial<PayableItemView> = {}): PayableItemView => ({
  kind: 'application',
  id: 'app_01',
  policyId: 'startup-grant',
  amountFen: 500000,
  status: 'awaiting_account',
  statusLabel: '待提供收款账户',
  attempts: 0,
  ...over,
});
const done = {
  kind: 'application' as const,
  id: 'app_01',
  status: 'on_hold',
  statusLabel: '暂停拨付',
  version: 4,
};

beforeEach(() => {
  jest.clearAllMocks();
  listMock.mockResolvedValue({ items: [] });
  (listPolicies as jest.Mock).mockResolvedValue({ items: [startupGrant] });
});

test('the 待补账户 tab lists parked items with amount and a masked account; the tabs ask for the other statuses', async () => {
  listMock.mockResolvedValue({
    items: [
      item(),
      item({
        id: 'app_02',
        policyId: 'hire-local',
        amountFen: 123456,
        accountMasked: '****0014',
        attempts: 5,
        paymentFailure: '户名与账号不符',
      }),
    ],
  });
  const page = await render(<AdminPayablesPage />);
  await findByText(page, '编号：app_01');
  const rows = getAllByTestId(page, 'payable-row');
  expect(rows).toHaveLength(2);
  expect(rows[0].textContent).toContain('¥5,000.00');
  expect(rows[0].textContent).toContain('收款账户：未提供');
  await waitFor(() => expect(rows[0].textContent).toContain('政策：一次性创业补贴'));
  expect(rows[1].textContent).toContain('政策：hire-local'); // no title known: the id
  expect(rows[1].textContent).toContain('¥1,234.56');
  expect(rows[1].textContent).toContain('收款账户：****0014');
  expect(rows[1].textContent).toContain('已尝试拨付 5 次');
  expect(listMock).toHaveBeenLastCalledWith({ kind: 'application', status: 'awaiting_account' });
  await click(getByText(page, '暂停'));
  await waitFor(() =>
    expect(listMock).toHaveBeenLastCalledWith({ kind: 'application', status: 'on_hold' }),
  );
  await click(getByText(page, '免申即享'));
  await waitFor(() =>
    expect(listMock).toHaveBeenLastCalledWith({ kind: 'grant', status: 'on_hold' }),
  );
});

test('an empty tab says so', async () => {
  const page = await render(<AdminPayablesPage />);
  expect(await findByText(page, '没有需要处理的事项')).toBeTruthy();
});

test('hold needs a reason, then sends it and reloads', async () => {
  listMock.mockResolvedValue({
    items: [item({ status: 'payment_failed', statusLabel: '拨付失败' })],
  });
  operateMock.mockResolvedValue(done);
  const page = await render(<AdminPayablesPage />);
  await findByText(page, '编号：app_01');
  const row = getAllByTestId(page, 'payable-row')[0];
  await click(getByText(row, '暂停'));
  await click(getByText(page, '确认暂停'));
  expect(await findByText(page, '请填写原因')).toBeTruthy();
  expect(operateMock).not.toHaveBeenCalled();
  await typeInto(page, 'textarea', '收到举报，待核实');
  await click(getByText(page, '确认暂停'));
  await waitFor(() =>
    expect(operateMock).toHaveBeenCalledWith('application', 'app_01', 'hold', '收到举报，待核实'),
  );
  expect(await findByText(page, '已暂停：app_01')).toBeTruthy();
  expect(listMock).toHaveBeenCalledTimes(2);
});

test('release on a held item sends its reason; a refusal shows the server message', async () => {
  listMock.mockResolvedValue({
    items: [item({ status: 'on_hold', statusLabel: '暂停拨付', holdReason: '待核实' })],
  });
  operateMock.mockRejectedValue(
    new ApiError(409, 'WRONG_STATE', '当前状态为拨付中，不能恢复拨付', { reason: 'wrong_state' }),
  );
  const page = await render(<AdminPayablesPage />);
  expect(await findByText(page, '暂停原因：待核实')).toBeTruthy();
  await click(getByText(page, '恢复'));
  await typeInto(page, 'textarea', '核实无误');
  await click(getByText(page, '确认恢复'));
  expect(await findByText(page, '当前状态为拨付中，不能恢复拨付')).toBeTruthy();
  expect(operateMock).toHaveBeenCalledWith('application', 'app_01', 'release', '核实无误');
});

test('cancel asks for confirmation before it sends the reason', async () => {
  listMock.mockResolvedValue({ items: [item()] });
  operateMock.mockResolvedValue({ ...done, status: 'cancelled', statusLabel: '已取消' });
  const page = await render(<AdminPayablesPage />);
  await findByText(page, '编号：app_01');
  await click(getByText(page, '取消'));
  await typeInto(page, 'textarea', '经核实不符合条件');
  await click(getByText(page, '确认取消'));
  expect(operateMock).not.toHaveBeenCalled();
  await confirmModal('确认取消');
  await waitFor(() =>
    expect(operateMock).toHaveBeenCalledWith('application', 'app_01', 'cancel', '经核实不符合条件'),
  );
  expect(await findByText(page, '已取消：app_01')).toBeTruthy();
});

test('更正账户 sends the account and the reason; a bad account number is refused before sending', async () => {
  listMock.mockResolvedValue({ items: [item({ kind: 'grant', id: 'grt_07' })] });
  correctMock.mockResolvedValue({
    ...done,
    kind: 'grant',
    id: 'grt_07',
    status: 'payable',
    statusLabel: '待拨付',
    accountMasked: '****0019',
  });
  const page = await render(<AdminPayablesPage />);
  await findByText(page, '编号：grt_07');
  await click(getByText(page, '更正账户'));
  await typeInto(page, 'input', '张三', 0);
  await typeInto(page, 'input', '农业银行', 1);
  await typeInto(page, 'input', '12ab', 2);
  await typeInto(page, 'textarea', '申请人来电更正账号');
  await click(getByText(page, '确认更正账户'));
  expect(await findByText(page, '收款账号应为8–30位数字')).toBeTruthy();
  expect(correctMock).not.toHaveBeenCalled();
  await typeInto(page, 'input', '6228480012340019', 2);
  await click(getByText(page, '确认更正账户'));
  await waitFor(() =>
    expect(correctMock).toHaveBeenCalledWith('grant', 'grt_07', {
      accountName: '张三',
      bankName: '农业银行',
      accountNumber: '6228480012340019',
      reason: '申请人来电更正账号',
    }),
  );
  expect(await findByText(page, '已更正账户：grt_07')).toBeTruthy();
});
