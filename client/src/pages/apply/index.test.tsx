/**
 * 在线申请: checks before sending (shared schema + required materials + pledge), a draft
 * that survives the page being torn down, and one Idempotency-Key per intent reused on retry.
 */
import Taro from '@tarojs/taro';
import { getMe } from '../../api/auth';
import { submitApplication } from '../../api/applications';
import { ApiError, clearSession, setSession } from '../../api/client';
import { getPolicy, listMatches } from '../../api/policies';
import { application, li, startupGrant, startupMatch, wang } from '../../test-support/fixtures';
import {
  click,
  findByText,
  getAllByTestId,
  getByText,
  queryByText,
  render,
  unmount,
  waitFor,
} from '../../test-support/render';
import { pickFile, uploadMaterial } from '../../upload/material-file';
import { draftKey, type ApplyDraft } from './draft';
import ApplyPage from './index';

jest.mock('../../api/policies', () => ({ getPolicy: jest.fn(), listMatches: jest.fn() }));
jest.mock('../../api/auth', () => ({ getMe: jest.fn() }));
jest.mock('../../api/applications', () => ({ submitApplication: jest.fn() }));
jest.mock('../../upload/material-file', () => ({ pickFile: jest.fn(), uploadMaterial: jest.fn() }));
jest.mock('@tarojs/taro', () => {
  const real = jest.requireActual('@tarojs/taro');
  return {
    ...real,
    __esModule: true,
    default: { ...real.default, redirectTo: jest.fn() },
    useRouter: () => ({ params: { policyId: 'startup-grant' } }),
  };
});

const submitMock = submitApplication as jest.MockedFunction<typeof submitApplication>;
const uploadMock = uploadMaterial as jest.MockedFunction<typeof uploadMaterial>;
const KEY = draftKey('usr_wangxm01', 'startup-grant');

beforeEach(() => {
  jest.clearAllMocks();
  localStorage.clear();
  setSession({ token: 't', userId: 'usr_wangxm01', role: 'applicant', name: '王小明' });
  (getPolicy as jest.Mock).mockResolvedValue(startupGrant);
  (listMatches as jest.Mock).mockResolvedValue({ asOf: '2020-12-15', items: [startupMatch] });
  (getMe as jest.Mock).mockResolvedValue(wang);
  (pickFile as jest.Mock).mockImplementation(async () => ({
    name: 'scan.pdf',
    bytes: new ArrayBuffer(4),
  }));
  let n = 0;
  uploadMock.mockImplementation(async (materialId) => ({
    materialId,
    uploadId: `upl_${String(++n).padStart(32, '0')}`,
    fileName: `${materialId}.pdf`,
  }));
});
afterAll(() => clearSession());

const storedDraft = () => Taro.getStorageSync<ApplyDraft>(KEY);

async function uploadFor(page: HTMLElement, materialId: string) {
  const row = getAllByTestId(page, `material-${materialId}`)[0];
  await click(getByText(row, '上传文件'));
  await waitFor(() => expect(row.textContent).toContain(`已上传：${materialId}.pdf`));
}

test('prefills the subject and the computed amount; refuses to send without required materials and the pledge', async () => {
  const page = await render(<ApplyPage />);
  expect(await findByText(page, '名称：王小明')).toBeTruthy();
  expect(getByText(page, '身份证号：6207**********1234')).toBeTruthy();
  expect(page.textContent).toContain('系统测算可享 ¥5,000.00');

  await click(getByText(page, '提交申请'));
  expect(getByText(page, '请上传居民身份证')).toBeTruthy();
  expect(getByText(page, '请上传营业执照')).toBeTruthy();
  expect(getByText(page, '请阅读并勾选承诺')).toBeTruthy();
  // 容缺: the optional material is not demanded
  expect(queryByText(page, '请上传重点群体身份证明')).toBeNull();
  expect(submitMock).not.toHaveBeenCalled();
});

test('an amount above the cap is refused before sending', async () => {
  Taro.setStorageSync(KEY, {
    policyId: 'startup-grant',
    idempotencyKey: 'k-1',
    materials: {
      id_card: { uploadId: `upl_${'1'.padStart(32, '0')}`, fileName: 'a.pdf' },
      business_licence: { uploadId: `upl_${'2'.padStart(32, '0')}`, fileName: 'b.pdf' },
    },
    requestedYuan: '6000',
    pledged: true,
    savedAt: 0,
  } satisfies ApplyDraft);
  const page = await render(<ApplyPage />);
  await click(await findByText(page, '提交申请'));
  expect(getByText(page, '申请金额不能超过政策上限 ¥5,000.00')).toBeTruthy();
  expect(submitMock).not.toHaveBeenCalled();
});

test('the draft autosaves and is restored after the page is torn down (app killed)', async () => {
  const first = await render(<ApplyPage />);
  await findByText(first, '名称：王小明');
  const key = storedDraft().idempotencyKey;
  expect(key).toMatch(/[0-9a-f-]{36}/);
  await uploadFor(first, 'id_card');
  await click(getAllByTestId(first, 'pledge')[0]);
  expect(storedDraft().materials.id_card?.fileName).toBe('id_card.pdf');
  expect(storedDraft().pledged).toBe(true);

  // Tear everything down, as WeChat does to a background mini-program, and open again.
  unmount(first);
  const second = await render(<ApplyPage />);
  expect(await findByText(second, '已为您恢复上次未提交的填写内容')).toBeTruthy();
  expect(getAllByTestId(second, 'material-id_card')[0].textContent).toContain(
    '已上传：id_card.pdf',
  );
  expect(getAllByTestId(second, 'pledge')[0].getAttribute('aria-checked')).toBe('true');
  expect(storedDraft().idempotencyKey).toBe(key); // the intent, and its key, survived
});

test('a retry after a network failure reuses the same Idempotency-Key; success clears the draft and shows the 容缺 deadline', async () => {
  submitMock.mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络不稳定，请稍后重试'));
  submitMock.mockResolvedValueOnce(application());
  const page = await render(<ApplyPage />);
  await findByText(page, '名称：王小明');
  await uploadFor(page, 'id_card');
  await uploadFor(page, 'business_licence');
  await click(getAllByTestId(page, 'pledge')[0]);
  const key = storedDraft().idempotencyKey;

  await click(getByText(page, '提交申请'));
  expect(await findByText(page, '网络不稳定，请稍后重试')).toBeTruthy();
  await click(getByText(page, '重新提交'));
  await waitFor(() => expect(submitMock).toHaveBeenCalledTimes(2));

  const [[body1, key1], [body2, key2]] = submitMock.mock.calls as [unknown, string][];
  expect(key1).toBe(key);
  expect(key2).toBe(key);
  expect(body2).toEqual(body1);
  expect(body1).toEqual({
    policyId: 'startup-grant',
    materials: [
      { materialId: 'id_card', uploadId: `upl_${'1'.padStart(32, '0')}` },
      { materialId: 'business_licence', uploadId: `upl_${'2'.padStart(32, '0')}` },
    ],
    account: { source: 'profile' }, // 王小明's 社保卡 on file, offered and kept
  });
  expect(await findByText(page, '申请已提交')).toBeTruthy();
  expect(page.textContent).toContain('请在 2020年12月22日 前补交以下材料');
  expect(page.textContent).toContain('· 重点群体身份证明');
  expect(Taro.getStorageSync(KEY)).toBeFalsy();
});

/** NutUI's Input renders Taro's stencil input asynchronously: wait for the inner <input>. */
async function typeInto(row: HTMLElement, value: string) {
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

const field = (
  page: HTMLElement,
  f: 'accountName' | 'bankName' | 'accountNumber' | 'accountNumberRepeat',
) => getAllByTestId(page, `account-${f}`)[0];

async function readyToSend(page: HTMLElement) {
  await uploadFor(page, 'id_card');
  await uploadFor(page, 'business_licence');
  await click(getAllByTestId(page, 'pledge')[0]);
}

test('with no account on file the account step asks for one, 户名 prefilled; wrong check digit and wrong name show under their fields; the typed account is sent', async () => {
  (getMe as jest.Mock).mockResolvedValue(li);
  submitMock.mockResolvedValue(
    application({ account: { accountMasked: '****0014', bankName: '中国农业银行高台县支行' } }),
  );
  const page = await render(<ApplyPage />);
  await findByText(page, '名称：李秀英');
  expect(page.textContent).toContain('您还没有登记收款账户');
  expect(getAllByTestId(page, 'account-profile')).toHaveLength(0);
  await waitFor(() =>
    expect(field(page, 'accountName').querySelector('input')?.value).toBe('李秀英'),
  );
  await readyToSend(page);

  await click(getByText(page, '提交申请'));
  expect(field(page, 'bankName').textContent).toContain('请填写开户行');
  expect(field(page, 'accountNumber').textContent).toContain('请填写银行账号');

  await typeInto(field(page, 'bankName'), '中国农业银行高台县支行');
  await typeInto(field(page, 'accountNumber'), '6228480123456780015'); // last digit mistyped
  await typeInto(field(page, 'accountNumberRepeat'), '6228480123456780015');
  await typeInto(field(page, 'accountName'), '李秀华');
  await click(getByText(page, '提交申请'));
  expect(field(page, 'accountNumber').textContent).toContain('银行卡号校验位不正确，请核对卡号');
  expect(field(page, 'accountName').textContent).toContain('户名须与身份证上的姓名「李秀英」一致');
  expect(field(page, 'bankName').textContent).not.toContain('请填写');
  expect(submitMock).not.toHaveBeenCalled();

  await typeInto(field(page, 'accountNumber'), '6228 4801 2345 6780 014');
  await typeInto(field(page, 'accountNumberRepeat'), '6228 4801 2345 6780 014');
  await typeInto(field(page, 'accountName'), '李秀英');
  await click(getByText(page, '提交申请'));
  await waitFor(() => expect(submitMock).toHaveBeenCalledTimes(1));
  expect((submitMock.mock.calls[0][0] as { account: unknown }).account).toEqual({
    source: 'new',
    accountName: '李秀英',
    bankName: '中国农业银行高台县支行',
    accountNumber: '6228480123456780014',
  });
  expect(await findByText(page, '申请已提交')).toBeTruthy();
  expect(getAllByTestId(page, 'apply-done-account')[0].textContent).toBe(
    '收款账户：中国农业银行高台县支行 ****0014',
  );
});

test('the account on file is offered first; choosing a new one opens the form; the number is not kept in the saved draft', async () => {
  const page = await render(<ApplyPage />);
  await findByText(page, '名称：王小明');
  const profile = getAllByTestId(page, 'account-profile')[0];
  expect(profile.textContent).toBe('●使用已登记账户（****0030 甘肃省农村信用社（社保卡））');
  expect(profile.getAttribute('aria-checked')).toBe('true');
  expect(getAllByTestId(page, 'account-new-form')).toHaveLength(0);

  await click(getAllByTestId(page, 'account-new')[0]);
  expect(getAllByTestId(page, 'account-new')[0].getAttribute('aria-checked')).toBe('true');
  await waitFor(() =>
    expect(field(page, 'accountName').querySelector('input')?.value).toBe('王小明'),
  );
  await typeInto(field(page, 'accountNumber'), '6217000010012345677');
  await typeInto(field(page, 'accountNumberRepeat'), '6217000010012345677');
  expect(storedDraft().account).toMatchObject({
    source: 'new',
    accountName: '王小明',
    accountNumber: '',
  });
});

test('a refusal of the account by the server is shown under its field', async () => {
  (getMe as jest.Mock).mockResolvedValue(li);
  submitMock.mockRejectedValueOnce(
    new ApiError(400, 'INVALID_INPUT', '户名须与身份证上的姓名「李秀英」一致', {
      reason: 'ACCOUNT_NAME_MISMATCH',
      field: 'accountName',
    }),
  );
  const page = await render(<ApplyPage />);
  await findByText(page, '名称：李秀英');
  await readyToSend(page);
  await typeInto(field(page, 'bankName'), '农行');
  await typeInto(field(page, 'accountNumber'), '6228480123456780014');
  await typeInto(field(page, 'accountNumberRepeat'), '6228480123456780014');
  await click(getByText(page, '提交申请'));
  await waitFor(() =>
    expect(field(page, 'accountName').textContent).toContain(
      '户名须与身份证上的姓名「李秀英」一致',
    ),
  );
  expect(queryByText(page, '重新提交')).toBeNull(); // not a form-level failure
});
