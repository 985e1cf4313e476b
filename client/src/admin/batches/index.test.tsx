/** 支付批次 (admin): the list by status, and generating a batch for a policy (refusals in Chinese). */
import { ApiError } from '../../api/client';
import { createPaymentBatch, listPaymentBatches } from '../../api/payment-batches';
import { listPolicies } from '../../api/policies';
import { go } from '../../navigation';
import { batchDetail, batchSummary } from '../../test-support/batches';
import { startupGrant } from '../../test-support/fixtures';
import {
  click,
  findByText,
  getAllByTestId,
  getByText,
  render,
  waitFor,
} from '../../test-support/render';
import AdminBatchesPage from './index';

jest.mock('../../api/payment-batches', () => ({
  listPaymentBatches: jest.fn(),
  createPaymentBatch: jest.fn(),
}));
jest.mock('../../api/policies', () => ({ listPolicies: jest.fn() }));
jest.mock('../../navigation', () => ({ go: jest.fn() }));
const listMock = listPaymentBatches as jest.MockedFunction<typeof listPaymentBatches>;
const createMock = createPaymentBatch as jest.MockedFunction<typeof createPaymentBatch>;
const policiesMock = listPolicies as jest.MockedFunction<typeof listPolicies>;
const goMock = go as jest.MockedFunction<typeof go>;

beforeEach(() => {
  jest.clearAllMocks();
  policiesMock.mockResolvedValue({ items: [startupGrant] });
  listMock.mockResolvedValue({ items: [] });
});

test('batches show policy, status, total and count; the filter asks the server by status; a row opens the detail', async () => {
  listMock.mockResolvedValue({
    items: [
      batchSummary(),
      batchSummary({
        id: 'bat_02',
        status: 'rejected',
        statusLabel: '已退回',
        decisionNote: '第2笔户名不符',
        totalFen: 123456,
        itemCount: 1,
      }),
    ],
  });
  const page = await render(<AdminBatchesPage />);
  await waitFor(() => expect(getAllByTestId(page, 'batch-row')).toHaveLength(2));
  const rows = getAllByTestId(page, 'batch-row');
  expect(rows[0].textContent).toContain('一次性创业补贴');
  expect(rows[0].textContent).toContain('待财政审批');
  expect(rows[0].textContent).toContain('¥10,000.00');
  expect(rows[0].textContent).toContain('共 2 笔');
  expect(rows[1].textContent).toContain('退回原因：第2笔户名不符');
  expect(rows[1].textContent).toContain('¥1,234.56');
  expect(listMock).toHaveBeenLastCalledWith({});
  await click(getByText(page, '待审批'));
  await waitFor(() => expect(listMock).toHaveBeenLastCalledWith({ status: 'pending_approval' }));
  await waitFor(() => expect(getAllByTestId(page, 'batch-row')).toHaveLength(2));
  await click(getAllByTestId(page, 'batch-row')[0]);
  expect(goMock).toHaveBeenCalledWith('/admin/batch-detail/index?id=bat_01');
});

test('no batches: the empty state says so', async () => {
  const page = await render(<AdminBatchesPage />);
  expect(await findByText(page, '暂无支付批次')).toBeTruthy();
});

test('a batch is generated for the chosen policy and opened', async () => {
  createMock.mockResolvedValue(batchDetail({ id: 'bat_09' }));
  const page = await render(<AdminBatchesPage />);
  await click(await findByText(page, '生成批次'));
  expect(await findByText(page, '请先选择政策')).toBeTruthy();
  expect(createMock).not.toHaveBeenCalled();
  await click(getByText(page, '一次性创业补贴'));
  await click(getByText(page, '生成批次'));
  await waitFor(() => expect(createMock).toHaveBeenCalledTimes(1));
  expect(createMock.mock.calls[0][0]).toBe('startup-grant');
  expect(goMock).toHaveBeenCalledWith('/admin/batch-detail/index?id=bat_09');
});

test('nothing to batch: the server refusal shows in Chinese, and a retry reuses the key', async () => {
  createMock.mockRejectedValue(
    new ApiError(422, 'NOTHING_TO_BATCH', '该政策没有待拨付且未进入批次的事项'),
  );
  const page = await render(<AdminBatchesPage />);
  await click(await findByText(page, '一次性创业补贴'));
  await click(getByText(page, '生成批次'));
  expect(await findByText(page, '该政策没有待拨付且未进入批次的事项')).toBeTruthy();
  await click(getByText(page, '生成批次'));
  await waitFor(() => expect(createMock).toHaveBeenCalledTimes(2));
  expect(createMock.mock.calls[1][1]).toBe(createMock.mock.calls[0][1]);
  expect(goMock).not.toHaveBeenCalled();
});
