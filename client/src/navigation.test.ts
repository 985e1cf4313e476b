import { goHomeFor, leavePage } from './navigation';
import { routes } from './routes';

const mockReLaunch = jest.fn();
const mockNavigateBack = jest.fn();
const mockNavigateTo = jest.fn();
let mockPages: unknown[] = [];
const mockGetMe = jest.fn();
jest.mock('./api/auth', () => ({ getMe: () => mockGetMe() }));
const mockSwitchTab = jest.fn();
jest.mock('./notices', () => ({ refreshUnreadBadge: () => Promise.resolve() }));
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    reLaunch: (o: unknown) => mockReLaunch(o),
    // resolves, as Taro's does: the home tab then refreshes the 消息 badge
    switchTab: (o: unknown) => {
      mockSwitchTab(o);
      return Promise.resolve();
    },
    navigateTo: (o: unknown) => mockNavigateTo(o),
    navigateBack: () => mockNavigateBack(),
    getCurrentPages: () => mockPages,
  },
}));

test.each([
  ['hrss', routes.reviewQueue],
  ['finance', routes.reviewQueue],
  ['guarantee', routes.guarantorQueue],
  ['bank', routes.bankQueue],
])('a reviewer of %s starts on their own queue', (department, url) => {
  goHomeFor('reviewer', department);
  expect(mockReLaunch).toHaveBeenLastCalledWith({ url });
});

test('an applicant starts on the home tab', () => {
  goHomeFor('applicant');
  expect(mockSwitchTab).toHaveBeenLastCalledWith({ url: routes.home });
});

describe('leaving a page opened from a broken link', () => {
  beforeEach(() => jest.clearAllMocks());

  test('goes back to the page it was opened from', () => {
    mockPages = [{}, {}];
    leavePage();
    expect(mockNavigateBack).toHaveBeenCalledTimes(1);
    expect(mockGetMe).not.toHaveBeenCalled();
  });

  test("opened straight from the link: the user's own first page", async () => {
    mockPages = [{}];
    mockGetMe.mockResolvedValue({
      id: 'usr_1',
      name: '李四',
      role: 'reviewer',
      department: 'bank',
    });
    leavePage();
    await new Promise((r) => setTimeout(r, 0));
    expect(mockNavigateBack).not.toHaveBeenCalled();
    expect(mockReLaunch).toHaveBeenLastCalledWith({ url: routes.bankQueue });
  });

  test('nobody signed in: the login page', async () => {
    mockPages = [{}];
    mockGetMe.mockRejectedValue(new Error('401'));
    leavePage();
    await new Promise((r) => setTimeout(r, 0));
    expect(mockNavigateTo).toHaveBeenLastCalledWith({ url: routes.login });
  });
});
