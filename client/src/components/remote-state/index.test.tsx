/**
 * The shared error state: what it offers depends on why the page could not load. A retry
 * that can never work (a link missing its record's id) is not offered; a way back is.
 */
import { ApiError } from '../../api/client';
import { go, leavePage } from '../../navigation';
import { routes } from '../../routes';
import { click, findByText, queryByText, render } from '../../test-support/render';
import { RemoteState } from './index';

jest.mock('../../navigation', () => ({ go: jest.fn(), leavePage: jest.fn() }));

const failed = (error: unknown) => ({ state: 'error' as const, error });

beforeEach(() => jest.clearAllMocks());

test('a broken link: its message and 返回, no retry', async () => {
  const onRetry = jest.fn();
  const page = await render(
    <RemoteState
      remote={failed(new ApiError(0, 'BAD_LINK', '链接不完整，找不到要打开的记录'))}
      onRetry={onRetry}
    >
      {() => null}
    </RemoteState>,
  );
  await findByText(page, '链接不完整，找不到要打开的记录');
  expect(queryByText(page, '重试')).toBeNull();
  await click(await findByText(page, '返回'));
  expect(leavePage).toHaveBeenCalledTimes(1);
  expect(onRetry).not.toHaveBeenCalled();
});

test('a busy server: its message and 重试', async () => {
  const onRetry = jest.fn();
  const page = await render(
    <RemoteState remote={failed(new ApiError(503, 'UNAVAILABLE', '系统繁忙'))} onRetry={onRetry}>
      {() => null}
    </RemoteState>,
  );
  await click(await findByText(page, '重试'));
  expect(onRetry).toHaveBeenCalledTimes(1);
  expect(queryByText(page, '返回')).toBeNull();
});

test('an expired session: 去登录', async () => {
  const page = await render(
    <RemoteState
      remote={failed(new ApiError(401, 'UNAUTHENTICATED', '请重新登录'))}
      onRetry={jest.fn()}
    >
      {() => null}
    </RemoteState>,
  );
  await click(await findByText(page, '去登录'));
  expect(go).toHaveBeenCalledWith(routes.login);
});
