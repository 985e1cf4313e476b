/**
 * 消息: a notice read here stays read, and the unread count agrees with it, even when a list
 * answer that was on its way before the read arrives after it (CI failed on this in
 * notices.e2e: the centre showed "1 条未读" after every notice had been read).
 */
import { act } from 'react';
import { listNotices, readNotice, type NoticeListView, type NoticeView } from '../../api/notices';
import { click, getAllByTestId, render, waitFor } from '../../test-support/render';
import MessagesPage from './index';

const shows: (() => void)[] = [];
jest.mock('@tarojs/taro', () => {
  const real = jest.requireActual('@tarojs/taro');
  return {
    ...real,
    __esModule: true,
    useDidShow: (fn: () => void) => {
      shows.push(fn);
    },
  };
});
jest.mock('../../api/notices', () => ({ listNotices: jest.fn(), readNotice: jest.fn() }));
jest.mock('../../navigation', () => ({ go: jest.fn() }));
jest.mock('../../notices', () => ({
  rememberTemplateIds: jest.fn(),
  showUnreadBadge: jest.fn(() => Promise.resolve()),
}));
const listMock = listNotices as jest.MockedFunction<typeof listNotices>;
const readMock = readNotice as jest.MockedFunction<typeof readNotice>;

const notice = (id: string, read: boolean): NoticeView => ({
  id,
  kind: 'grant',
  status: '已到账',
  text: `通知 ${id}`,
  createdAt: '2026-11-28T02:00:00.000Z',
  read,
});
const list = (items: NoticeView[]): NoticeListView => ({
  items,
  unread: items.filter((n) => !n.read).length,
  templateIds: [],
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The page shown again (a tab switch back): the latest useDidShow callback runs. */
async function showAgain() {
  await act(async () => {
    shows[shows.length - 1]?.();
  });
}

const unreadCount = (page: HTMLElement) =>
  page.querySelector('[data-testid="unread-count"]')?.textContent;
const rowState = (page: HTMLElement, id: string) =>
  page.querySelector(`[data-notice-id="${id}"]`)?.querySelector('.nut-tag')?.textContent;

beforeEach(() => {
  jest.clearAllMocks();
  shows.length = 0;
});

test('a list answer sent before a read lands after it: the read notice and the count stay read', async () => {
  listMock.mockResolvedValueOnce(list([notice('a', true), notice('b', false)]));
  const page = await render(<MessagesPage />);
  await waitFor(() => expect(unreadCount(page)).toBe('1 条未读'));
  await showAgain(); // the first show is the mount's; useReloadOnShow skips it

  const read = deferred<{ unread: number }>();
  readMock.mockReturnValueOnce(read.promise as ReturnType<typeof readNotice>);
  await click(getAllByTestId(page, 'notice-row')[1]);
  // the page is shown again while the mark-read is in flight: its list snapshot predates the read
  const stale = deferred<NoticeListView>();
  listMock.mockReturnValueOnce(stale.promise);
  await showAgain();
  await act(async () => read.resolve({ unread: 0 }));
  await act(async () => stale.resolve(list([notice('a', true), notice('b', false)])));

  await waitFor(() => expect(unreadCount(page)).toBe('全部已读'));
  expect(rowState(page, 'b')).toBe('已读');
});

test('a fresh list after the read agrees: nothing counted twice', async () => {
  listMock.mockResolvedValueOnce(list([notice('a', false), notice('b', false)]));
  const page = await render(<MessagesPage />);
  await waitFor(() => expect(unreadCount(page)).toBe('2 条未读'));
  await showAgain();
  readMock.mockResolvedValueOnce({ unread: 1 } as Awaited<ReturnType<typeof readNotice>>);
  await click(getAllByTestId(page, 'notice-row')[0]);
  await waitFor(() => expect(unreadCount(page)).toBe('1 条未读'));

  listMock.mockResolvedValueOnce(list([notice('a', true), notice('b', false)]));
  await showAgain();
  await waitFor(() => expect(rowState(page, 'a')).toBe('已读'));
  expect(unreadCount(page)).toBe('1 条未读');
  expect(rowState(page, 'b')).toBe('未读');
});

test('an earlier load answering after a later one sets neither the list nor the count', async () => {
  listMock.mockResolvedValueOnce(list([notice('a', false)]));
  const page = await render(<MessagesPage />);
  await waitFor(() => expect(unreadCount(page)).toBe('1 条未读'));
  await showAgain();

  // shown twice: the first load (from before 'a' was read on another page) answers last
  const earlier = deferred<NoticeListView>();
  const later = deferred<NoticeListView>();
  listMock.mockReturnValueOnce(earlier.promise).mockReturnValueOnce(later.promise);
  await showAgain();
  await showAgain();
  await act(async () => later.resolve(list([notice('a', true)])));
  await waitFor(() => expect(rowState(page, 'a')).toBe('已读'));
  await act(async () => earlier.resolve(list([notice('a', false)])));

  expect(rowState(page, 'a')).toBe('已读');
  expect(unreadCount(page)).toBe('全部已读');
});
