/** 支付批次详情 (admin): total, status and every item with its masked account; a load error shows its message. */
import { ApiError } from '../../api/client';
import { getPaymentBatch } from '../../api/payment-batches';
import { batchDetail } from '../../test-support/batches';
import { findByText, getAllByTestId, getByText, render } from '../../test-support/render';
import AdminBatchDetailPage from './index';

jest.mock('../../api/payment-batches', () => ({ getPaymentBatch: jest.fn() }));
jest.mock('@tarojs/taro', () => {
  const real = jest.requireActual('@tarojs/taro');
  return { ...real, __esModule: true, useRouter: () => ({ params: { id: 'bat_01' } }) };
});
const getMock = getPaymentBatch as jest.MockedFunction<typeof getPaymentBatch>;

beforeEach(() => jest.clearAllMocks());

test('shows the total and each item with payee, bank, masked account and amount', async () => {
  getMock.mockResolvedValue(
    batchDetail({
      status: 'approved',
      statusLabel: '已批准拨付',
      decisionNote: '同意拨付',
      decidedAt: '2026-03-03T02:00:00Z',
    }),
  );
  const page = await render(<AdminBatchDetailPage />);
  expect(await findByText(page, '¥10,000.00')).toBeTruthy();
  expect(getMock).toHaveBeenCalledWith('bat_01');
  expect(getByText(page, '已批准拨付')).toBeTruthy();
  expect(getByText(page, '审批意见：同意拨付')).toBeTruthy();
  const items = getAllByTestId(page, 'batch-item');
  expect(items).toHaveLength(2);
  expect(items[0].textContent).toContain('张*');
  expect(items[0].textContent).toContain('农业银行 ****0019');
  expect(items[0].textContent).toContain('¥5,000.00');
  expect(page.querySelector('[data-testid="batch-decision"]')).toBeNull();
});

test('a missing batch shows the server message', async () => {
  getMock.mockRejectedValue(new ApiError(404, 'NOT_FOUND', '支付批次不存在'));
  const page = await render(<AdminBatchDetailPage />);
  expect(await findByText(page, '支付批次不存在')).toBeTruthy();
});
