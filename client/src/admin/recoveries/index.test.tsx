/** 资金追回 (issue #10): lists per policy and status; open, recovered and write-off each send their text; refusals show in Chinese. */
import { ApiError } from '../../api/client';
import {
  listRecoveries,
  openRecovery,
  recordRecovered,
  writeOffRecovery,
  type RecoveryView,
} from '../../api/payables';
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
import AdminRecoveriesPage from './index';

jest.mock('../../api/payables', () => ({
  listRecoveries: jest.fn(),
  openRecovery: jest.fn(),
  recordRecovered: jest.fn(),
  writeOffRecovery: jest.fn(),
}));
jest.mock('../../api/policies', () => ({ listPolicies: jest.fn() }));
const listMock = listRecoveries as jest.MockedFunction<typeof listRecoveries>;
const openMock = openRecovery as jest.MockedFunction<typeof openRecovery>;
const recoveredMock = recordRecovered as jest.MockedFunction<typeof recordRecovered>;
const writeOffMock = writeOffRecovery as jest.MockedFunction<typeof writeOffRecovery>;
const policiesMock = listPolicies as jest.MockedFunction<typeof listPolicies>;

const rcv = (over: Partial<RecoveryView> = {}): RecoveryView => ({
  id: 'rcv_application~app_01',
  itemKind: 'application',
  itemId: 'app_01',
  status: 'open',
  statusLabel: '追回中',
  paidFen: 500000,
  amountFen: 60000,
  reason: '审计发现多报招用人数',
  openedAt: '2026-03-02T01:00:00Z',
  ...over,
});

beforeEach(() => {
  jest.clearAllMocks();
  policiesMock.mockResolvedValue({
    items: [startupGrant, { ...startupGrant, id: 'hire-local', title: '吸纳本地劳动力补贴' }],
  });
  listMock.mockResolvedValue({ items: [] });
});

test('lists the open recoveries of the first policy; other policies and statuses are asked for', async () => {
  listMock.mockResolvedValue({ items: [rcv()] });
  const page = await render(<AdminRecoveriesPage />);
  const row = await waitFor(() => getAllByTestId(page, 'recovery-row')[0]);
  expect(row.textContent).toContain('¥600.00');
  expect(row.textContent).toContain('已拨付 ¥5,000.00');
  expect(row.textContent).toContain('事项：依申请 app_01');
  expect(row.textContent).toContain('追回原因：审计发现多报招用人数');
  expect(listMock).toHaveBeenLastCalledWith({ policyId: 'startup-grant', status: 'open' });
  await click(getByText(page, '吸纳本地劳动力补贴'));
  await waitFor(() =>
    expect(listMock).toHaveBeenLastCalledWith({ policyId: 'hire-local', status: 'open' }),
  );
  listMock.mockResolvedValue({ items: [] });
  await click(getByText(page, '已核销'));
  await waitFor(() =>
    expect(listMock).toHaveBeenLastCalledWith({ policyId: 'hire-local', status: 'written_off' }),
  );
  expect(await findByText(page, '暂无已核销的记录')).toBeTruthy();
});

test('登记已追回 needs a note, then sends it', async () => {
  listMock.mockResolvedValue({ items: [rcv()] });
  recoveredMock.mockResolvedValue(
    rcv({ status: 'recovered', statusLabel: '已追回', closeNote: '已缴回' }),
  );
  const page = await render(<AdminRecoveriesPage />);
  await click(await findByText(page, '登记已追回'));
  await click(getByText(page, '确认已追回'));
  expect(await findByText(page, '请填写原因')).toBeTruthy();
  await typeInto(page, 'textarea', '已缴回，缴款书 2020-0012');
  await click(getByText(page, '确认已追回'));
  await waitFor(() =>
    expect(recoveredMock).toHaveBeenCalledWith(
      'rcv_application~app_01',
      '已缴回，缴款书 2020-0012',
    ),
  );
  expect(await findByText(page, '已登记追回 ¥600.00，资金已回到预算额度')).toBeTruthy();
});

test('核销 asks for confirmation; the server refusal shows in Chinese', async () => {
  listMock.mockResolvedValue({ items: [rcv()] });
  writeOffMock.mockRejectedValue(new ApiError(409, 'WRONG_STATE', '当前状态为已追回，不能核销'));
  const page = await render(<AdminRecoveriesPage />);
  await click(await findByText(page, '核销'));
  await typeInto(page, 'textarea', '企业已注销，无法追回');
  await click(getByText(page, '确认核销'));
  expect(writeOffMock).not.toHaveBeenCalled();
  await confirmModal('确认核销');
  await waitFor(() =>
    expect(writeOffMock).toHaveBeenCalledWith('rcv_application~app_01', '企业已注销，无法追回'),
  );
  expect(await findByText(page, '当前状态为已追回，不能核销')).toBeTruthy();
});

test('发起追回 sends kind, id, amount in fen and the reason; over the paid amount the server refuses', async () => {
  openMock.mockRejectedValueOnce(
    new ApiError(400, 'INVALID_INPUT', '追回金额不能超过已拨付金额 ¥5,000.00', {
      reason: 'OVER_PAID',
      paidFen: 500000,
    }),
  );
  openMock.mockResolvedValueOnce(
    rcv({ id: 'rcv_grant~grt_07', itemKind: 'grant', itemId: 'grt_07', amountFen: 123456 }),
  );
  const page = await render(<AdminRecoveriesPage />);
  await click(await findByText(page, '发起追回'));
  await click(getByText(page, '免申即享'));
  await typeInto(page, 'input', 'grt_07', 0);
  await typeInto(page, 'input', 'abc', 1);
  await typeInto(page, 'textarea', '异议成立，拨付后撤销');
  await click(getByText(page, '确认发起'));
  expect(await findByText(page, '请输入正确的追回金额')).toBeTruthy();
  await typeInto(page, 'input', '5000.01', 1);
  await click(getByText(page, '确认发起'));
  expect(await findByText(page, '追回金额不能超过已拨付金额 ¥5,000.00')).toBeTruthy();
  expect(openMock).toHaveBeenLastCalledWith('grant', 'grt_07', {
    amountFen: 500001,
    reason: '异议成立，拨付后撤销',
  });
  await typeInto(page, 'input', '1234.56', 1);
  await click(getByText(page, '确认发起'));
  await waitFor(() =>
    expect(openMock).toHaveBeenLastCalledWith('grant', 'grt_07', {
      amountFen: 123456,
      reason: '异议成立，拨付后撤销',
    }),
  );
  expect(await findByText(page, '已发起追回 ¥1,234.56：grt_07')).toBeTruthy();
});
