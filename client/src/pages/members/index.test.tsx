/** 经办人管理 (issue 12): the members list, a one-time invite code and link, removal after a confirmation. */
import { ApiError } from '../../api/client';
import { createInvite, listMembers, removeOperator } from '../../api/identity';
import {
  click,
  findByText,
  getAllByTestId,
  getByText,
  queryByText,
  render,
  waitFor,
} from '../../test-support/render';
import { confirmModal } from '../../test-support/type-into';
import MembersPage from './index';

jest.mock('../../api/identity', () => ({
  createInvite: jest.fn(),
  listMembers: jest.fn(),
  removeOperator: jest.fn(),
}));
const listMock = listMembers as jest.MockedFunction<typeof listMembers>;

const manager = {
  userId: 'usr_m',
  name: '冯法人',
  memberRole: 'manager' as const,
  phone: '136****6000',
  since: '2020-11-01T02:00:00.000Z',
};
const operator = {
  userId: 'usr_o',
  name: '陈经办',
  memberRole: 'operator' as const,
  phone: '135****5000',
  since: '2020-11-02T02:00:00.000Z',
};

beforeEach(() => {
  jest.clearAllMocks();
  listMock.mockResolvedValue({ items: [manager, operator] });
});

test('lists the manager and the operators with masked phones; only operators can be removed', async () => {
  const page = await render(<MembersPage />);
  await findByText(page, '陈经办');
  const cards = getAllByTestId(page, 'member');
  expect(cards).toHaveLength(2);
  expect(cards[0].textContent).toContain('负责人');
  expect(cards[0].textContent).toContain('136****6000');
  expect(cards[0].textContent).not.toContain('移除');
  expect(cards[1].textContent).toContain('经办人');
  expect(cards[1].textContent).toContain('移除');
});

test('an invite shows the one-time code and a link to the binding page', async () => {
  (createInvite as jest.Mock).mockResolvedValue({
    code: 'ABCD2345',
    expiresAt: '2020-11-04T02:00:00.000Z',
  });
  const page = await render(<MembersPage />);
  await click(await findByText(page, '邀请经办人'));
  expect(await findByText(page, 'ABCD2345')).toBeTruthy();
  const link = page.querySelector('[data-testid="invite-link"]')?.textContent;
  expect(link).toMatch(/#\/pages\/bind\/index\?code=ABCD2345$/);
  await click(getByText(page, '已转交，关闭'));
  expect(queryByText(page, 'ABCD2345')).toBeNull();
});

test('removing an operator asks first, then the list reloads without them', async () => {
  (removeOperator as jest.Mock).mockResolvedValue({ removed: true });
  const page = await render(<MembersPage />);
  await findByText(page, '陈经办');
  listMock.mockResolvedValue({ items: [manager] });
  await click(getByText(page, '移除'));
  await confirmModal('确认移除');
  await waitFor(() => {
    expect(removeOperator).toHaveBeenCalledWith('usr_o');
  });
  expect(await findByText(page, '已移除经办人「陈经办」')).toBeTruthy();
  await waitFor(() => {
    expect(getAllByTestId(page, 'member')).toHaveLength(1);
  });
});

test('a refusal is shown in Chinese (an operator is not the manager)', async () => {
  listMock.mockRejectedValue(
    new ApiError(403, 'FORBIDDEN', '只有企业负责人（法定代表人）可以管理经办人', {
      reason: 'NOT_ENTERPRISE_MANAGER',
    }),
  );
  const page = await render(<MembersPage />);
  expect(await findByText(page, '只有企业负责人（法定代表人）可以管理经办人')).toBeTruthy();
});
