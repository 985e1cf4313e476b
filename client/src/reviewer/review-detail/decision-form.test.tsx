/** 审核决定: approve within the cap, reject needs a reason, return needs a note; one key per intent. */
import { fen } from '@shared/money';
import { decide } from '../../api/review';
import { ApiError } from '../../api/client';
import { application } from '../../test-support/fixtures';
import {
  click,
  findByText,
  getAllByTestId,
  getByText,
  render,
  waitFor,
} from '../../test-support/render';
import { DecisionForm } from './decision-form';

jest.mock('../../api/review', () => ({ decide: jest.fn() }));
const decideMock = decide as jest.MockedFunction<typeof decide>;

const app = application({
  status: 'review_l1',
  statusLabel: '初审中',
  requestedFen: fen(500000),
  capFen: fen(500000),
});

/** NutUI's Input renders Taro's stencil input asynchronously: wait for the inner <input>. */
async function typeInto(page: HTMLElement, selector: string, value: string) {
  const el = await waitFor(() => {
    const found = page.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
    if (!found) throw new Error(`no ${selector}`);
    return found;
  });
  const { act } = await import('react');
  await act(async () => {
    const proto =
      el instanceof HTMLTextAreaElement
        ? HTMLTextAreaElement.prototype
        : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

beforeEach(() => jest.clearAllMocks());

/** Chooses 通过 (nothing is preselected). */
const chooseApprove = async (page: HTMLElement) => click(getAllByTestId(page, 'kind-approve')[0]);

test('nothing is preselected: no amount form and no send until a result is chosen (issue #17)', async () => {
  const page = await render(<DecisionForm app={app} onDecided={jest.fn()} />);
  expect(await findByText(page, '请选择审核结果')).toBeTruthy();
  expect(page.querySelector('input')).toBeNull();
  for (const k of ['approve', 'return', 'reject'])
    expect(getAllByTestId(page, `kind-${k}`)[0].getAttribute('aria-checked')).toBe('false');
  expect(decideMock).not.toHaveBeenCalled();
});

test('approve shows the amount in words and sends integer fen only after that is confirmed (issue #17)', async () => {
  const onDecided = jest.fn();
  decideMock.mockResolvedValue({ ...app, status: 'review_l2' });
  const page = await render(<DecisionForm app={app} onDecided={onDecided} />);
  await chooseApprove(page);
  await waitFor(() =>
    expect((page.querySelector('input') as HTMLInputElement).value).toBe('5000.00'),
  );
  expect(await findByText(page, '大写：伍仟元整')).toBeTruthy();
  await click(getByText(page, '确认通过'));
  // read back first: nothing sent yet
  expect(await findByText(page, '人民币伍仟元整')).toBeTruthy();
  expect(decideMock).not.toHaveBeenCalled();
  await click(getByText(page, '金额无误，确认通过'));
  await waitFor(() => expect(onDecided).toHaveBeenCalled());
  expect(decideMock.mock.calls[0].slice(0, 2)).toEqual([
    'app_01',
    { kind: 'approve', amountFen: 500000 },
  ]);
});

test('an amount above the cap is refused before sending', async () => {
  const page = await render(<DecisionForm app={app} onDecided={jest.fn()} />);
  await chooseApprove(page);
  await typeInto(page, 'input', '5000.01');
  await click(getByText(page, '确认通过'));
  expect(await findByText(page, '核定金额不能超过政策上限 ¥5,000.00')).toBeTruthy();
  expect(decideMock).not.toHaveBeenCalled();
});

test('reject needs a reason (the shared schema says so) and then sends it', async () => {
  decideMock.mockResolvedValue({ ...app, status: 'rejected' });
  const page = await render(<DecisionForm app={app} onDecided={jest.fn()} />);
  await click(getAllByTestId(page, 'kind-reject')[0]);
  await click(getByText(page, '确认不通过'));
  expect(await findByText(page, '不通过理由不能为空')).toBeTruthy();
  expect(decideMock).not.toHaveBeenCalled();
  await typeInto(page, 'textarea', '非首次创业');
  await click(getByText(page, '确认不通过'));
  await waitFor(() => expect(decideMock).toHaveBeenCalledTimes(1));
  expect(decideMock.mock.calls[0][1]).toEqual({ kind: 'reject', reason: '非首次创业' });
});

test('a failed return is retried with the same Idempotency-Key', async () => {
  decideMock.mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络不稳定，请稍后重试'));
  decideMock.mockResolvedValueOnce({ ...app, status: 'returned' });
  const onDecided = jest.fn();
  const page = await render(<DecisionForm app={app} onDecided={onDecided} />);
  await click(getAllByTestId(page, 'kind-return')[0]);
  await typeInto(page, 'textarea', '营业执照照片不清晰');
  await click(getByText(page, '确认退回补正'));
  expect(await findByText(page, '网络不稳定，请稍后重试')).toBeTruthy();
  await click(getByText(page, '确认退回补正'));
  await waitFor(() => expect(onDecided).toHaveBeenCalled());
  expect(decideMock.mock.calls[0][1]).toEqual({ kind: 'return', note: '营业执照照片不清晰' });
  expect(decideMock.mock.calls[1][2]).toBe(decideMock.mock.calls[0][2]);
});

describe('the entitlement (issue #10 case 2)', () => {
  const entitled = application({
    status: 'review_l1',
    statusLabel: '初审中',
    requestedFen: fen(400000),
    capFen: fen(20000000),
    entitlementFen: fen(400000),
  });

  test('bounds the amount instead of the cap', async () => {
    const page = await render(<DecisionForm app={entitled} onDecided={jest.fn()} />);
    await chooseApprove(page);
    await waitFor(() =>
      expect((page.querySelector('input') as HTMLInputElement).value).toBe('4000.00'),
    );
    await typeInto(page, 'input', '4000.01');
    await click(getByText(page, '确认通过'));
    expect(await findByText(page, '核定金额不能超过应享金额 ¥4,000.00')).toBeTruthy();
    expect(decideMock).not.toHaveBeenCalled();
  });

  test('a lowered amount asks for a reason and sends it', async () => {
    decideMock.mockResolvedValue({ ...entitled, status: 'publicity' });
    const page = await render(<DecisionForm app={entitled} onDecided={jest.fn()} />);
    await chooseApprove(page);
    await typeInto(page, 'input', '3000');
    await click(getByText(page, '确认通过'));
    expect(await findByText(page, '核定金额低于应享金额，请填写核减理由')).toBeTruthy();
    expect(decideMock).not.toHaveBeenCalled();
    await typeInto(page, 'textarea', '1人社保缴费不满6个月');
    await click(getByText(page, '确认通过'));
    expect(await findByText(page, '人民币叁仟元整')).toBeTruthy();
    await click(getByText(page, '金额无误，确认通过'));
    await waitFor(() => expect(decideMock).toHaveBeenCalledTimes(1));
    expect(decideMock.mock.calls[0][1]).toEqual({
      kind: 'approve',
      amountFen: 300000,
      reason: '1人社保缴费不满6个月',
    });
  });
});
