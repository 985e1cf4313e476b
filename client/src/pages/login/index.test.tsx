/** Dev login: pick a seeded demo user, the token is stored, the role's home opens. */
import { ApiError, clearSession, getSession } from '../../api/client';
import { listDevUsers, login } from '../../api/auth';
import { goHomeFor } from '../../navigation';
import {
  click,
  findByText,
  getByText,
  queryByText,
  render,
  waitFor,
} from '../../test-support/render';
import LoginPage from './index';

jest.mock('../../api/auth', () => ({ listDevUsers: jest.fn(), login: jest.fn() }));
jest.mock('../../navigation', () => ({ go: jest.fn(), goHomeFor: jest.fn() }));
import { go } from '../../navigation';
import { typeInto } from '../../test-support/type-into';
import { loadTicket } from '../bind/ticket';
const listDevUsersMock = listDevUsers as jest.MockedFunction<typeof listDevUsers>;
const loginMock = login as jest.MockedFunction<typeof login>;

beforeEach(() => {
  clearSession();
  jest.clearAllMocks();
  listDevUsersMock.mockResolvedValue({
    items: [
      { id: 'u-ent-1', name: '李经理', role: 'applicant', subjectName: '天门某制造有限公司' },
      { id: 'u-rev-1', name: '王审核', role: 'reviewer', department: 'hrss' },
    ],
  });
});

test('picking a demo user logs in, stores the token and opens that role’s home', async () => {
  loginMock.mockResolvedValue({
    token: 'tok-rev',
    expiresAt: '2026-03-02T09:00:00Z',
    refreshToken: 'rt',
    refreshExpiresAt: '2026-04-01T09:00:00Z',
    user: { id: 'u-rev-1', name: '王审核', role: 'reviewer', department: 'hrss' },
  });
  const page = await render(<LoginPage />);

  expect(await findByText(page, '王审核')).toBeTruthy();
  expect(getByText(page, '审核人员 · 人社局')).toBeTruthy();
  expect(getByText(page, '企业 / 群众 · 天门某制造有限公司')).toBeTruthy();

  await click(getByText(page, '王审核'));
  await waitFor(() => expect(goHomeFor).toHaveBeenCalledWith('reviewer', 'hrss'));
  expect(loginMock).toHaveBeenCalledWith({ devUserId: 'u-rev-1' });
  expect(getSession()).toEqual({
    token: 'tok-rev',
    refreshToken: 'rt',
    userId: 'u-rev-1',
    role: 'reviewer',
    name: '王审核',
  });
});

test('a refused login shows the server message and stores nothing', async () => {
  loginMock.mockRejectedValue(new ApiError(404, 'NOT_FOUND', '用户不存在'));
  const page = await render(<LoginPage />);
  await click(await findByText(page, '李经理'));
  expect(await findByText(page, '用户不存在')).toBeTruthy();
  expect(getSession()).toBeUndefined();
  expect(goHomeFor).not.toHaveBeenCalled();
});

test('when the demo list is unavailable the page says so and still offers typing an id', async () => {
  listDevUsersMock.mockRejectedValue(new ApiError(0, 'NETWORK', '网络不稳定，请稍后重试'));
  const page = await render(<LoginPage />);
  expect(await findByText(page, '演示账号列表暂不可用：网络不稳定，请稍后重试')).toBeTruthy();
  expect(getByText(page, '或输入用户编号')).toBeTruthy();
  expect(queryByText(page, '李经理')).toBeNull();
});

test('a WeChat account nobody has bound (NOT_BOUND) opens the binding page with its ticket', async () => {
  loginMock.mockRejectedValue(
    new ApiError(403, 'FORBIDDEN', '该微信账号尚未绑定申请主体或工作人员身份，请先完成身份绑定', {
      reason: 'NOT_BOUND',
      bindingTicket: 'ticket-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
      bindingTicketExpiresAt: '2999-01-01T00:00:00Z',
    }),
  );
  const page = await render(<LoginPage />);
  await findByText(page, '模拟微信登录（本地环境）');
  await typeInto(page, '.login__wechat-id input', 'boss01');
  await click(getByText(page, '模拟微信登录'));
  await waitFor(() => {
    expect(go).toHaveBeenCalledWith('/pages/bind/index');
  });
  expect(loginMock).toHaveBeenCalledWith({ wechatCode: 'ok-boss01' });
  expect(loadTicket(Date.now())).toEqual({
    ticket: 'ticket-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    expiresAt: '2999-01-01T00:00:00Z',
  });
  expect(getSession()).toBeUndefined();
  expect(
    queryByText(page, '该微信账号尚未绑定申请主体或工作人员身份，请先完成身份绑定'),
  ).toBeNull();
});
