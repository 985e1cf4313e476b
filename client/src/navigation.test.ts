import Taro from '@tarojs/taro';
import { goHomeFor } from './navigation';
import { routes } from './routes';

jest.mock('@tarojs/taro', () => ({ reLaunch: jest.fn(), switchTab: jest.fn(), navigateTo: jest.fn() }));

test.each([
  ['hrss', routes.reviewQueue],
  ['finance', routes.reviewQueue],
  ['guarantee', routes.guarantorQueue],
  ['bank', routes.bankQueue],
])('a reviewer of %s starts on their own queue', (department, url) => {
  goHomeFor('reviewer', department);
  expect(Taro.reLaunch).toHaveBeenLastCalledWith({ url });
});

test('an applicant starts on the home tab', () => {
  goHomeFor('applicant');
  expect(Taro.switchTab).toHaveBeenLastCalledWith({ url: routes.home });
});
