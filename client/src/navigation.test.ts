import { goHomeFor } from './navigation';
import { routes } from './routes';

const mockReLaunch = jest.fn();
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
    navigateTo: jest.fn(),
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
