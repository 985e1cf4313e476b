/**
 * 身份绑定 (issue 12): the choice, the privacy consent before any ID number, the checksum
 * checked on the phone with the server's own validator, the server's refusals in Chinese,
 * and the session stored on success.
 */
import { ApiError, clearSession, getSession } from '../../api/client';
import { bindEnterprise, bindOperator, bindResident, claimStaff } from '../../api/identity';
import { goHomeFor } from '../../navigation';
import {
  click,
  findByText,
  getByText,
  queryByText,
  render,
  waitFor,
} from '../../test-support/render';
import { typeInto } from '../../test-support/type-into';
import { clearPendingCode, clearTicket, saveTicket } from './ticket';
import BindPage from './index';

jest.mock('../../api/identity', () => ({
  bindResident: jest.fn(),
  bindEnterprise: jest.fn(),
  bindOperator: jest.fn(),
  claimStaff: jest.fn(),
}));
jest.mock('../../navigation', () => ({ go: jest.fn(), goHomeFor: jest.fn() }));
let mockRouterParams: Record<string, string> = {};
jest.mock('@tarojs/taro', () => {
  const real = jest.requireActual<Record<string, unknown>>('@tarojs/taro');
  return { ...real, __esModule: true, useRouter: () => ({ params: mockRouterParams }) };
});

const TICKET = 'ticket-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const VALID_ID = '11010519491231002X';
const VALID_USCC = '91350100M000100Y43';
const session = (role: 'applicant' | 'reviewer', memberRole?: 'manager' | 'operator') => ({
  token: 'tok',
  expiresAt: '2026-03-02T09:00:00Z',
  refreshToken: 'rt',
  refreshExpiresAt: '2026-04-01T09:00:00Z',
  user: { id: 'usr_new', name: '张三', role, ...(memberRole ? { memberRole } : {}) },
});

const testId = (page: HTMLElement, id: string) =>
  waitFor(() => {
    const el = page.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    if (!el) throw new Error(`no ${id}`);
    return el;
  });
const inputOf = (field: string) => `[data-testid="field-${field}"] input`;

beforeEach(() => {
  jest.clearAllMocks();
  clearSession();
  clearPendingCode();
  mockRouterParams = {};
  saveTicket({ ticket: TICKET, expiresAt: '2999-01-01T00:00:00Z' });
});

async function residentForm(): Promise<HTMLElement> {
  const page = await render(<BindPage />);
  await click(await testId(page, 'choose-resident'));
  return page;
}

test('no ID number is asked for before the privacy notice is agreed to', async () => {
  const page = await residentForm();
  expect(getByText(page, '《个人信息保护告知》')).toBeTruthy();
  expect(queryByText(page, '居民身份证号')).toBeNull();
  // agreeing without ticking the box is refused
  await click(getByText(page, '同意并继续'));
  expect(await findByText(page, '请先阅读并勾选同意《个人信息保护告知》')).toBeTruthy();
  expect(queryByText(page, '居民身份证号')).toBeNull();
  await click(await testId(page, 'privacy-consent'));
  await click(getByText(page, '同意并继续'));
  expect(await findByText(page, '居民身份证号')).toBeTruthy();
});

test('a wrong check character is shown under the field and nothing is sent', async () => {
  const page = await residentForm();
  await click(await testId(page, 'privacy-consent'));
  await click(getByText(page, '同意并继续'));
  await typeInto(page, inputOf('name'), '张三');
  await typeInto(page, inputOf('idNumber'), '110105194912310021');
  await typeInto(page, inputOf('phone'), '13800138000');
  await click(getByText(page, '核验并绑定'));
  expect(await findByText(page, '居民身份证号无效（应为18位，出生日期与校验位正确）')).toBeTruthy();
  expect(bindResident).not.toHaveBeenCalled();
});

test('a resident binds: the session is stored, the ticket dropped, and the home (matches) opens', async () => {
  (bindResident as jest.Mock).mockResolvedValue(session('applicant'));
  const page = await residentForm();
  await click(await testId(page, 'privacy-consent'));
  await click(getByText(page, '同意并继续'));
  await typeInto(page, inputOf('name'), '张三');
  await typeInto(page, inputOf('idNumber'), VALID_ID.toLowerCase());
  await typeInto(page, inputOf('phone'), '13800138000');
  await click(getByText(page, '核验并绑定'));
  await waitFor(() => {
    expect(goHomeFor).toHaveBeenCalledWith('applicant');
  });
  expect(bindResident).toHaveBeenCalledWith({
    ticket: TICKET,
    name: '张三',
    idNumber: VALID_ID,
    phone: '13800138000',
  });
  expect(getSession()).toMatchObject({ token: 'tok', userId: 'usr_new', role: 'applicant' });
});

test.each([
  [
    new ApiError(
      422,
      'VERIFICATION_FAILED',
      '姓名与身份证号不匹配，请核对后重试（今日还可尝试 4 次）',
      {
        reason: 'REAL_NAME_MISMATCH',
      },
    ),
    '姓名与身份证号不匹配，请核对后重试（今日还可尝试 4 次）',
  ],
  [
    new ApiError(503, 'UNAVAILABLE', '身份核验服务暂时不可用，请稍后再试', {
      reason: 'REAL_NAME_UNAVAILABLE',
    }),
    '身份核验服务暂时不可用，请稍后再试',
  ],
  [
    new ApiError(
      429,
      'RATE_LIMITED',
      '今日身份核验失败已达 5 次，为保护您的信息安全，请明天再试或到窗口办理',
      {
        reason: 'BIND_ATTEMPTS_EXCEEDED',
      },
    ),
    '今日身份核验失败已达 5 次，为保护您的信息安全，请明天再试或到窗口办理',
  ],
])('an enterprise refusal is shown in Chinese and nothing is stored (%#)', async (error, text) => {
  (bindEnterprise as jest.Mock).mockRejectedValue(error);
  const page = await render(<BindPage />);
  await click(await testId(page, 'choose-enterprise'));
  await click(await testId(page, 'privacy-consent'));
  await click(getByText(page, '同意并继续'));
  await typeInto(page, inputOf('uscc'), VALID_USCC);
  await typeInto(page, inputOf('legalRepName'), '李法人');
  await typeInto(page, inputOf('legalRepIdNumber'), VALID_ID);
  await typeInto(page, inputOf('phone'), '13600136000');
  await click(getByText(page, '核验并绑定'));
  expect(await findByText(page, text)).toBeTruthy();
  expect(bindEnterprise).toHaveBeenCalledWith({
    ticket: TICKET,
    uscc: VALID_USCC,
    legalRepName: '李法人',
    legalRepIdNumber: VALID_ID,
    phone: '13600136000',
  });
  expect(getSession()).toBeUndefined();
  expect(goHomeFor).not.toHaveBeenCalled();
});

test('an invite code asks for name and phone and binds an operator', async () => {
  (bindOperator as jest.Mock).mockResolvedValue(session('applicant', 'operator'));
  const page = await render(<BindPage />);
  await click(await testId(page, 'choose-code'));
  expect(queryByText(page, '您的姓名')).toBeNull();
  await typeInto(page, inputOf('code'), 'abcd2345');
  expect(await findByText(page, '您的姓名')).toBeTruthy();
  await typeInto(page, inputOf('name'), '陈经办');
  await typeInto(page, inputOf('phone'), '13500135000');
  await click(getByText(page, '确认绑定'));
  await waitFor(() => {
    expect(goHomeFor).toHaveBeenCalledWith('applicant');
  });
  expect(bindOperator).toHaveBeenCalledWith({
    ticket: TICKET,
    code: 'ABCD2345',
    name: '陈经办',
    phone: '13500135000',
  });
});

test('a claim code binds a staff account; a used code shows the server message', async () => {
  (claimStaff as jest.Mock)
    .mockRejectedValueOnce(
      new ApiError(404, 'NOT_FOUND', '认领码无效、已使用或已过期', { reason: 'CLAIM_INVALID' }),
    )
    .mockResolvedValueOnce(session('reviewer'));
  const page = await render(<BindPage />);
  await click(await testId(page, 'choose-code'));
  await typeInto(page, inputOf('code'), 'ABCDEFGH23');
  await click(getByText(page, '确认绑定'));
  expect(await findByText(page, '认领码无效、已使用或已过期')).toBeTruthy();
  await click(getByText(page, '确认绑定'));
  await waitFor(() => {
    expect(goHomeFor).toHaveBeenCalledWith('reviewer');
  });
  expect(claimStaff).toHaveBeenLastCalledWith({ ticket: TICKET, code: 'ABCDEFGH23' });
});

test('an invite link fills the code in, and without a ticket asks to log in first', async () => {
  mockRouterParams = { code: 'ABCD2345' };
  clearTicket();
  const first = await render(<BindPage />);
  expect(
    await findByText(first, '您收到了邀请码 ABCD2345。请先微信登录，登录后将自动进入绑定。'),
  ).toBeTruthy();
  // back from the login with a ticket: the code is still there
  mockRouterParams = {};
  saveTicket({ ticket: TICKET, expiresAt: '2999-01-01T00:00:00Z' });
  const page = await render(<BindPage />);
  const input = await waitFor(() => {
    const el = page.querySelector<HTMLInputElement>(inputOf('code'));
    if (!el) throw new Error('no code input');
    return el;
  });
  expect(input.value).toBe('ABCD2345');
  expect(bindOperator).not.toHaveBeenCalled();
});
