/** 办件详情: every step in order, what to do next per status, and the 容缺 supplement. */
import { fen } from '@shared/money';
import {
  getApplication,
  provideAccount,
  raiseObjection,
  rateService,
  supplementApplication,
} from '../../api/applications';
import { getMe } from '../../api/auth';
import { application, li, wang } from '../../test-support/fixtures';
import {
  click,
  findByText,
  getAllByTestId,
  getByText,
  queryByText,
  render,
  waitFor,
} from '../../test-support/render';
import { uploadMaterial, pickFile } from '../../upload/material-file';
import ApplicationDetailPage from './index';

jest.mock('../../api/applications', () => ({
  getApplication: jest.fn(),
  supplementApplication: jest.fn(),
  provideAccount: jest.fn(),
  withdrawApplication: jest.fn(),
  raiseObjection: jest.fn(),
  rateService: jest.fn(),
}));
jest.mock('../../api/auth', () => ({ getMe: jest.fn() }));
jest.mock('../../upload/material-file', () => ({ pickFile: jest.fn(), uploadMaterial: jest.fn() }));
jest.mock('@tarojs/taro', () => {
  const real = jest.requireActual('@tarojs/taro');
  return { ...real, __esModule: true, useRouter: () => ({ params: { id: 'app_01' } }) };
});
const getMock = getApplication as jest.MockedFunction<typeof getApplication>;
const supplementMock = supplementApplication as jest.MockedFunction<typeof supplementApplication>;
const objectionMock = raiseObjection as jest.MockedFunction<typeof raiseObjection>;

/** Taro's Textarea renders asynchronously: wait for the inner <textarea>, then type. */
async function typeInto(page: HTMLElement, selector: string, value: string) {
  const el = await waitFor(() => {
    const found = page.querySelector<HTMLTextAreaElement>(selector);
    if (!found) throw new Error(`no ${selector}`);
    return found;
  });
  const { act } = await import('react');
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const accountMock = provideAccount as jest.MockedFunction<typeof provideAccount>;

beforeEach(() => {
  jest.clearAllMocks();
  (getMe as jest.Mock).mockResolvedValue(li);
});

test('the timeline lists every step oldest first, in Beijing time, and the next step names the deadline', async () => {
  getMock.mockResolvedValue(application());
  const page = await render(<ApplicationDetailPage />);
  await findByText(page, '下一步');
  const steps = getAllByTestId(page, 'timeline-step').map((s) => s.textContent);
  expect(steps).toEqual([
    '创建申请2020年12月15日 10:00 · 申请人',
    '提交申请2020年12月15日 10:00 · 申请人',
    '容缺受理，请于 2020年12月22日 前补交：重点群体身份证明2020年12月15日 10:00 · 系统',
  ]);
  expect(getAllByTestId(page, 'next-step')[0].textContent).toContain(
    '请在 2020年12月22日 前补交缺少的材料',
  );
  expect(getAllByTestId(page, 'supplement')).toHaveLength(1);
  expect(getByText(page, '撤回申请')).toBeTruthy();
});

test('supplementing the missing material sends it and shows the new state', async () => {
  getMock.mockResolvedValue(application());
  (pickFile as jest.Mock).mockResolvedValue({ name: 'cert.png', bytes: new ArrayBuffer(3) });
  (uploadMaterial as jest.Mock).mockResolvedValue({
    materialId: 'group_certificate',
    uploadId: `upl_${'9'.padStart(32, '0')}`,
    fileName: 'cert.png',
  });
  const after = application({
    status: 'review_l1',
    statusLabel: '初审中',
    version: 4,
    materials: application().materials.map((m) => ({ ...m, provided: true })),
    timeline: [
      ...application().timeline,
      {
        at: '2020-12-16T01:00:00.000Z',
        type: 'ApplicationSupplemented',
        text: '补交材料',
        by: 'applicant' as const,
      },
    ],
  });
  supplementMock.mockResolvedValue(after);
  const page = await render(<ApplicationDetailPage />);
  const box = await waitFor(() => getAllByTestId(page, 'supplement')[0]);
  await click(getByText(box, '上传文件'));
  await waitFor(() => expect(box.textContent).toContain('已上传：cert.png'));
  await click(getByText(page, '提交补正材料'));
  await waitFor(() => expect(supplementMock).toHaveBeenCalledTimes(1));
  expect(supplementMock.mock.calls[0].slice(0, 2)).toEqual([
    'app_01',
    [{ materialId: 'group_certificate', uploadId: `upl_${'9'.padStart(32, '0')}` }],
  ]);
  expect(await findByText(page, '初审中')).toBeTruthy();
  expect(getAllByTestId(page, 'timeline-step')).toHaveLength(4);
  expect(queryByText(page, '提交补正材料')).toBeNull();
});

test('in 公示 the page offers an objection and no withdraw', async () => {
  getMock.mockResolvedValue(
    application({
      status: 'publicity',
      statusLabel: '公示中',
      approvedFen: fen(500000),
      publicityEndsAt: '2020-12-21T16:00:00.000Z',
    }),
  );
  const page = await render(<ApplicationDetailPage />);
  expect(await findByText(page, '公示期异议')).toBeTruthy();
  expect(getAllByTestId(page, 'next-step')[0].textContent).toContain(
    '2020年12月22日 公示结束后拨付',
  );
  expect(page.textContent).toContain('核定金额 ¥5,000.00');
  expect(queryByText(page, '撤回申请')).toBeNull();
});

test('a rejected application says why', async () => {
  getMock.mockResolvedValue(
    application({ status: 'rejected', statusLabel: '未通过', rejectionReason: '非首次创业' }),
  );
  const page = await render(<ApplicationDetailPage />);
  expect(await findByText(page, '很抱歉，申请未通过：非首次创业。')).toBeTruthy();
});

test('an objection is sent, answered with the objection alone, and the application is read again to show it', async () => {
  const inPublicity = application({
    status: 'publicity',
    statusLabel: '公示中',
    approvedFen: fen(500000),
    publicityEndsAt: '2020-12-21T16:00:00.000Z',
  });
  const objected = {
    ...inPublicity,
    version: 7,
    objections: [
      { id: 'obj_1', text: '金额有误', raisedAt: '2020-12-16T01:00:00.000Z', resolved: false },
    ],
  };
  getMock.mockResolvedValueOnce(inPublicity).mockResolvedValue(objected);
  objectionMock.mockResolvedValue({
    id: 'obj_1',
    applicationId: 'app_01',
    text: '金额有误',
    raisedAt: '2020-12-16T01:00:00.000Z',
    status: 'open',
    statusLabel: '核实中',
  });
  const page = await render(<ApplicationDetailPage />);
  await findByText(page, '公示期异议');
  await typeInto(page, 'textarea', '金额有误');
  await click(getByText(page, '提交异议'));
  await waitFor(() => expect(objectionMock).toHaveBeenCalledTimes(1));
  expect(objectionMock.mock.calls[0].slice(0, 2)).toEqual(['app_01', '金额有误']);
  await waitFor(() => expect(page.textContent).toContain('金额有误（核实中）'));
  expect(getMock).toHaveBeenCalledTimes(2);
});

/** NutUI's Input renders Taro's stencil input asynchronously: wait for the inner <input>. */
async function typeIntoInput(row: HTMLElement, value: string) {
  const el = await waitFor(() => {
    const found = row.querySelector<HTMLInputElement>('input');
    if (!found) throw new Error('no input yet');
    return found;
  });
  const { act } = await import('react');
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

test('payable with no account: the next step asks for one (补充收款账户); it is checked, sent, and shown masked', async () => {
  const waiting = application({
    status: 'payable',
    statusLabel: '待拨付',
    approvedFen: fen(500000),
    version: 6,
  });
  getMock.mockResolvedValue(waiting);
  accountMock.mockResolvedValue({
    ...waiting,
    version: 7,
    account: { accountMasked: '****0014', bankName: '中国农业银行高台县支行' },
    timeline: [
      ...waiting.timeline,
      {
        at: '2020-12-22T01:00:00.000Z',
        type: 'PayeeProvided',
        text: '提供收款账户：中国农业银行高台县支行 ****0014',
        by: 'applicant' as const,
      },
    ],
  });
  const page = await render(<ApplicationDetailPage />);
  expect(await findByText(page, '尚未提供收款账户，资金无法拨付：请补充收款账户。')).toBeTruthy();
  const box = await waitFor(() => getAllByTestId(page, 'provide-account')[0]);
  expect(getByText(box, '补充收款账户')).toBeTruthy();
  await waitFor(() =>
    expect(getAllByTestId(box, 'account-accountName')[0].querySelector('input')?.value).toBe(
      '李秀英',
    ),
  );
  await typeIntoInput(getAllByTestId(box, 'account-bankName')[0], '中国农业银行高台县支行');
  await typeIntoInput(getAllByTestId(box, 'account-accountNumber')[0], '6228480123456780015');
  await typeIntoInput(getAllByTestId(box, 'account-accountNumberRepeat')[0], '6228480123456780015');
  await click(getByText(box, '提交收款账户'));
  expect(getAllByTestId(box, 'account-accountNumber')[0].textContent).toContain(
    '银行卡号校验位不正确',
  );
  expect(accountMock).not.toHaveBeenCalled();

  await typeIntoInput(getAllByTestId(box, 'account-accountNumber')[0], '6228480123456780014');
  await typeIntoInput(getAllByTestId(box, 'account-accountNumberRepeat')[0], '6228480123456780014');
  await click(getByText(box, '提交收款账户'));
  await waitFor(() => expect(accountMock).toHaveBeenCalledTimes(1));
  expect(accountMock.mock.calls[0].slice(0, 2)).toEqual([
    'app_01',
    {
      source: 'new',
      accountName: '李秀英',
      bankName: '中国农业银行高台县支行',
      accountNumber: '6228480123456780014',
    },
  ]);
  const shown = await waitFor(() => getAllByTestId(page, 'account')[0]);
  expect(shown.textContent).toBe('收款账户中国农业银行高台县支行 ****0014');
  expect(getAllByTestId(page, 'next-step')[0].textContent).toContain(
    '公示已结束，资金正在拨付到您的账户。',
  );
  expect(getAllByTestId(page, 'provide-account')).toHaveLength(0); // closed: a 更换 button remains
  expect(getByText(page, '更换收款账户')).toBeTruthy();
});

test('with an account the page shows it masked and can switch to the one on file', async () => {
  (getMe as jest.Mock).mockResolvedValue(wang);
  getMock.mockResolvedValue(
    application({
      status: 'review_l1',
      statusLabel: '初审中',
      account: { accountMasked: '****9999', bankName: '旧银行' },
    }),
  );
  accountMock.mockResolvedValue(
    application({
      status: 'review_l1',
      statusLabel: '初审中',
      version: 3,
      account: { accountMasked: '****0030', bankName: '甘肃省农村信用社（社保卡）' },
    }),
  );
  const page = await render(<ApplicationDetailPage />);
  expect((await waitFor(() => getAllByTestId(page, 'account')[0])).textContent).toBe(
    '收款账户旧银行 ****9999',
  );
  expect(getAllByTestId(page, 'next-step')[0].textContent).not.toContain('补充收款账户');
  await click(getByText(page, '更换收款账户'));
  const box = await waitFor(() => getAllByTestId(page, 'provide-account')[0]);
  await waitFor(() =>
    expect(getAllByTestId(box, 'account-profile')[0].getAttribute('aria-checked')).toBe('true'),
  );
  await click(getByText(box, '提交收款账户'));
  await waitFor(() => expect(accountMock).toHaveBeenCalledTimes(1));
  expect(accountMock.mock.calls[0][1]).toEqual({ source: 'profile' });
  await waitFor(() =>
    expect(getAllByTestId(page, 'account')[0].textContent).toBe(
      '收款账户甘肃省农村信用社（社保卡） ****0030',
    ),
  );
});

test('paid: the account is shown and can no longer be changed', async () => {
  getMock.mockResolvedValue(
    application({
      status: 'paid',
      statusLabel: '已到账',
      account: { accountMasked: '****0014', bankName: '农行' },
    }),
  );
  const page = await render(<ApplicationDetailPage />);
  await findByText(page, '资金已到账，请查收。');
  expect(getAllByTestId(page, 'account')).toHaveLength(1);
  expect(queryByText(page, '更换收款账户')).toBeNull();
  expect(getAllByTestId(page, 'provide-account')).toHaveLength(0);
});

describe('the money waits (issue #10): awaiting_account and on_hold read plainly', () => {
  test('awaiting_account: the status says so in amber, the next step and the form ask for an account, the timeline says why', async () => {
    getMock.mockResolvedValue(
      application({
        status: 'awaiting_account',
        statusLabel: '待提供收款账户',
        approvedFen: fen(500000),
        account: undefined,
        timeline: [
          ...application().timeline,
          {
            at: '2020-12-22T01:00:00.000Z',
            type: 'PayableParked',
            text: '公示结束，待提供收款账户后拨付',
            by: 'system' as const,
          },
        ],
      }),
    );
    const page = await render(<ApplicationDetailPage />);
    const status = await waitFor(() => getAllByTestId(page, 'status')[0]);
    expect(status.textContent).toBe('待提供收款账户');
    expect(status.querySelector('.nut-tag-warning')).not.toBeNull();
    expect(getAllByTestId(page, 'next-step')[0].textContent).toContain(
      '尚未提供收款账户，资金无法拨付：请补充收款账户。',
    );
    expect(getAllByTestId(page, 'provide-account')).toHaveLength(1);
    expect(getAllByTestId(page, 'timeline-step').at(-1)!.textContent).toContain(
      '公示结束，待提供收款账户后拨付',
    );
  });

  test('on_hold: the status and the next step say the payment is paused and being checked', async () => {
    getMock.mockResolvedValue(
      application({
        status: 'on_hold',
        statusLabel: '暂停拨付',
        approvedFen: fen(500000),
        account: { accountMasked: '****0014', bankName: '农行' },
      }),
    );
    const page = await render(<ApplicationDetailPage />);
    const status = await waitFor(() => getAllByTestId(page, 'status')[0]);
    expect(status.textContent).toBe('暂停拨付');
    expect(status.querySelector('.nut-tag-warning')).not.toBeNull();
    expect(getAllByTestId(page, 'next-step')[0].textContent).toContain(
      '拨付已暂停，主管部门正在核实',
    );
    expect(getAllByTestId(page, 'account')[0].textContent).toContain('农行 ****0014');
  });
});

describe('资金追回 (issue #10): a recovery on a paid application shows in its detail', () => {
  const paid = {
    status: 'paid' as const,
    statusLabel: '已拨付',
    approvedFen: fen(500000),
    account: { accountMasked: '****0014', bankName: '农行' },
  };

  test('open: a 资金追回 card with the status, amount and reason; the next step asks to return the money', async () => {
    getMock.mockResolvedValue(
      application({
        ...paid,
        recovery: {
          status: 'open',
          statusLabel: '追回中',
          amountFen: fen(200000),
          reason: '审计发现多报招用人数',
          openedAt: '2021-01-05T02:00:00.000Z',
        },
      }),
    );
    const page = await render(<ApplicationDetailPage />);
    const card = await waitFor(() => getAllByTestId(page, 'recovery')[0]);
    expect(card.textContent).toContain('资金追回');
    expect(card.textContent).toContain('追回中，应退回金额');
    expect(card.textContent).toContain('¥2,000.00');
    expect(card.textContent).toContain('审计发现多报招用人数');
    expect(card.textContent).not.toContain('办结于');
    expect(getAllByTestId(page, 'next-step')[0].textContent).toContain(
      '该笔资金正在追回，请按通知退回款项。',
    );
    expect(queryByText(page, '资金已到账，请查收。')).toBeNull();
  });

  test('recovered: the card says 已追回 with its date; without a recovery there is no card', async () => {
    getMock.mockResolvedValue(
      application({
        ...paid,
        recovery: {
          status: 'recovered',
          statusLabel: '已追回',
          amountFen: fen(200000),
          reason: '审计发现',
          openedAt: '2021-01-05T02:00:00.000Z',
          closedAt: '2021-01-20T02:00:00.000Z',
        },
      }),
    );
    const page = await render(<ApplicationDetailPage />);
    const card = await waitFor(() => getAllByTestId(page, 'recovery')[0]);
    expect(card.textContent).toContain('已追回金额');
    expect(card.textContent).toContain('办结于');
    expect(getAllByTestId(page, 'next-step')[0].textContent).toContain('该笔资金已追回');

    getMock.mockResolvedValue(application(paid));
    const plain = await render(<ApplicationDetailPage />);
    await findByText(plain, '资金已到账，请查收。');
    expect(getAllByTestId(plain, 'recovery')).toHaveLength(0);
  });
});

test('the stepper shows each step with its date, and the short 办件编号 replaces the machine id (issue #17)', async () => {
  getMock.mockResolvedValue(
    application({
      status: 'review_l1',
      displayCode: '201215-7K3M9Q',
      steps: [
        { key: 'submit', label: '提交申请', state: 'done', doneOn: '2020-12-15' },
        { key: 'review', label: '部门审核', state: 'current', expectedOn: '2020-12-29' },
        { key: 'publicity', label: '结果公示', state: 'upcoming', expectedOn: '2021-01-03' },
        { key: 'payment', label: '资金到账', state: 'upcoming', expectedOn: '2021-01-08' },
      ],
    }),
  );
  const page = await render(<ApplicationDetailPage />);
  expect(await findByText(page, '办件编号：201215-7K3M9Q')).toBeTruthy();
  expect(page.textContent).not.toContain('app_01');
  expect(getAllByTestId(page, 'step-submit')[0].textContent).toContain('2020年12月15日 完成');
  const review = getAllByTestId(page, 'step-review')[0];
  expect(review.textContent).toContain('预计 2020年12月29日 前');
  expect(review.getAttribute('aria-current')).toBe('step');
  expect(getAllByTestId(page, 'step-payment')[0].textContent).toContain('预计 2021年1月8日 前');
});

test('好差评: a refused application is rated once with stars and a comment (issue #17)', async () => {
  const rateMock = rateService as jest.MockedFunction<typeof rateService>;
  rateMock.mockResolvedValue({
    kind: 'application',
    itemId: 'app_01',
    stars: 4,
    starsLabel: '满意',
    comment: '说明清楚',
    at: '2020-12-20T02:00:00.000Z',
  });
  getMock.mockResolvedValue(
    application({ status: 'rejected', statusLabel: '未通过', rejectionReason: '不符合条件' }),
  );
  const page = await render(<ApplicationDetailPage />);
  expect(await findByText(page, '服务评价（好差评）')).toBeTruthy();
  await click(getByText(page, '提交评价'));
  expect(await findByText(page, '请先选择星级')).toBeTruthy();
  expect(rateMock).not.toHaveBeenCalled();
  await click(getAllByTestId(page, 'star-4')[0]);
  expect(await findByText(page, '满意')).toBeTruthy();
  await typeInto(page, 'textarea', '说明清楚');
  await click(getByText(page, '提交评价'));
  await waitFor(() => expect(rateMock).toHaveBeenCalledTimes(1));
  expect(rateMock.mock.calls[0][0]).toEqual({
    kind: 'application',
    id: 'app_01',
    stars: 4,
    comment: '说明清楚',
  });
  expect(await findByText(page, '您的评价：★★★★（满意）')).toBeTruthy();
});
