/** 工作人员账号 (issue 12): create → the claim code once; disable after a confirmation; change role or level. */
import { ApiError } from '../../api/client';
import { changeStaff, createStaff, listStaff, type StaffView } from '../../api/identity';
import {
  click,
  findByText,
  getAllByTestId,
  getByText,
  render,
  waitFor,
} from '../../test-support/render';
import { confirmModal, typeInto } from '../../test-support/type-into';
import StaffPage from './index';

jest.mock('../../api/identity', () => ({
  changeStaff: jest.fn(),
  createStaff: jest.fn(),
  listStaff: jest.fn(),
}));
const listMock = listStaff as jest.MockedFunction<typeof listStaff>;

const reviewer: StaffView = {
  id: 'usr_r1',
  name: '孙审核',
  role: 'reviewer',
  department: 'hrss',
  departmentName: '人社局',
  reviewLevel: 1,
  disabled: false,
  claimed: true,
};

const byTestId = (page: HTMLElement, id: string) =>
  waitFor(() => {
    const el = page.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    if (!el) throw new Error(`no ${id}`);
    return el;
  });

beforeEach(() => {
  jest.clearAllMocks();
  listMock.mockResolvedValue({ items: [reviewer] });
});

test('lists accounts with role, department, level and state', async () => {
  const page = await render(<StaffPage />);
  await findByText(page, '孙审核');
  const card = getAllByTestId(page, 'staff')[0];
  expect(card.textContent).toContain('审核人员 · 人社局 · 初审');
  expect(card.textContent).toContain('使用中');
});

test('a reviewer needs a department and a level; creating shows the claim code once', async () => {
  (createStaff as jest.Mock).mockResolvedValue({
    staff: {
      ...reviewer,
      id: 'usr_new',
      name: '钱银行',
      department: 'bank',
      departmentName: '合作银行',
      reviewLevel: 2,
      claimed: false,
    },
    claimCode: 'ABCDEFGH23',
    claimExpiresAt: '2020-11-08T02:00:00.000Z',
  });
  const page = await render(<StaffPage />);
  await findByText(page, '孙审核');
  await typeInto(page, '[data-testid="create-staff"] input', '钱银行');
  await click(getByText(page, '创建并生成认领码'));
  expect(await findByText(page, '请选择部门')).toBeTruthy();
  await click(await byTestId(page, 'new-dept-bank'));
  await click(getByText(page, '创建并生成认领码'));
  expect(await findByText(page, '请选择审核级别')).toBeTruthy();
  await click(await byTestId(page, 'new-level-2'));
  await click(getByText(page, '创建并生成认领码'));
  expect(await findByText(page, 'ABCDEFGH23')).toBeTruthy();
  expect(createStaff).toHaveBeenCalledWith({
    name: '钱银行',
    role: 'reviewer',
    department: 'bank',
    level: 2,
  });
  await click(getByText(page, '已告知，继续'));
  await waitFor(() => {
    expect(page.textContent).not.toContain('ABCDEFGH23');
  });
});

test('disabling asks first; a change of level is sent as one change', async () => {
  (changeStaff as jest.Mock).mockResolvedValue({ ...reviewer, disabled: true });
  const page = await render(<StaffPage />);
  await findByText(page, '孙审核');
  await click(getByText(page, '停用'));
  await confirmModal('确认停用');
  await waitFor(() => {
    expect(changeStaff).toHaveBeenCalledWith('usr_r1', { action: 'disable' });
  });

  await click(getByText(page, '调整角色'));
  await click(await byTestId(page, 'edit-usr_r1-level-2'));
  await click(getByText(page, '保存调整'));
  await waitFor(() => {
    expect(changeStaff).toHaveBeenLastCalledWith('usr_r1', {
      action: 'change',
      role: 'reviewer',
      department: 'hrss',
      level: 2,
    });
  });
});

test('a refusal is shown in Chinese', async () => {
  (changeStaff as jest.Mock).mockRejectedValue(
    new ApiError(403, 'FORBIDDEN', '不能停用或调整自己的账号', { reason: 'CANNOT_CHANGE_SELF' }),
  );
  const page = await render(<StaffPage />);
  await findByText(page, '孙审核');
  await click(getByText(page, '调整角色'));
  await click(await byTestId(page, 'edit-usr_r1-role-auditor'));
  await click(getByText(page, '保存调整'));
  expect(await findByText(page, '不能停用或调整自己的账号')).toBeTruthy();
});
