/**
 * 文件导入 (issues #16, #17): a picked feed file is uploaded with a progress bar, the job's
 * progress is polled until done, and the rejected rows download; a file of the wrong kind or
 * over 1 GB is refused in Chinese before anything is sent.
 */
import {
  createFeedImport,
  getFeedImport,
  getFeedRejected,
  startFeedImport,
  type FeedJobView,
} from '../../api/admin';
import { pickFeedFile, putFeedFile } from '../../upload/feed-file';
import { click, findByText, getByText, render, waitFor } from '../../test-support/render';
import { FeedFileImport } from './feed-file';

jest.mock('../../api/admin', () => ({
  createFeedImport: jest.fn(),
  getFeedImport: jest.fn(),
  getFeedRejected: jest.fn(),
  startFeedImport: jest.fn(),
}));
jest.mock('../../upload/feed-file', () => ({ pickFeedFile: jest.fn(), putFeedFile: jest.fn() }));

const job = (over: Partial<FeedJobView> = {}): FeedJobView => ({
  id: `fjb_${'0'.repeat(32)}`,
  status: 'running',
  fileName: '社保.csv',
  format: 'csv',
  sizeBytes: 2048,
  counts: { rowsRead: 0, accepted: 0, rejected: 0, merged: 0 },
  bytesRead: 0,
  checkpointLine: 0,
  rowsPerSecond: 0,
  createdAt: '2020-12-15T00:00:00.000Z',
  attempts: 1,
  ...over,
});

beforeEach(() => jest.resetAllMocks());

test('uploads a picked file with a progress bar, follows the job to the end and offers the rejected rows', async () => {
  jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
  (pickFeedFile as jest.Mock).mockResolvedValue({ name: '社保.csv', size: 2048 });
  (createFeedImport as jest.Mock).mockResolvedValue({
    job: job({ status: 'awaiting_upload' }),
    upload: { method: 'PUT', url: 'http://s3/x', headers: {}, expiresAt: '' },
  });
  let progress: ((share: number) => void) | undefined;
  let finishUpload: (() => void) | undefined;
  (putFeedFile as jest.Mock).mockImplementation(
    (_f: unknown, _u: unknown, onProgress: (share: number) => void) =>
      new Promise<void>((resolve) => {
        progress = onProgress;
        finishUpload = resolve;
      }),
  );
  (startFeedImport as jest.Mock).mockResolvedValue(job());
  // issue #16: while it runs, each range checkpoint writes the job's rows/s: shown at once
  (getFeedImport as jest.Mock).mockResolvedValueOnce(
    job({ counts: { rowsRead: 420, accepted: 420, rejected: 0, merged: 0 }, rowsPerSecond: 420 }),
  );
  (getFeedImport as jest.Mock).mockResolvedValue(
    job({
      status: 'done',
      counts: { rowsRead: 1000, accepted: 998, rejected: 2, merged: 1 },
      rowsPerSecond: 850,
    }),
  );
  (getFeedRejected as jest.Mock).mockResolvedValue({
    fileName: '社保-未通过校验的行.csv',
    csv: '\uFEFF行号,原因,原始内容\r\n8,"主体代码：统一社会信用代码校验位错误（应为 3）",""\r\n',
    rows: 1,
    rejected: 2,
  });
  const page = await render(<FeedFileImport />);
  await click(getByText(page, '选择文件'));
  expect(await findByText(page, '已选择：社保.csv（2 KB）')).toBeTruthy();
  await click(getByText(page, '上传并导入'));
  await waitFor(() => {
    if (!progress) throw new Error('upload not started');
  });
  const { act } = await import('react');
  await act(async () => progress?.(0.4));
  const bar = page.querySelector('[data-testid="upload-progress"]');
  expect(bar?.textContent).toContain('40%');
  await act(async () => finishUpload?.());
  expect(await findByText(page, '导入状态：导入中')).toBeTruthy();
  await act(async () => {
    jest.advanceTimersByTime(2100);
  });
  expect(await findByText(page, '速度：每秒 420 行')).toBeTruthy();
  expect(getByText(page, '导入状态：导入中')).toBeTruthy();
  await act(async () => {
    jest.advanceTimersByTime(2100);
  });
  expect(await findByText(page, '导入状态：已完成')).toBeTruthy();
  expect(getByText(page, '已读 1000 行，通过 998 行，未通过 2 行，重复合并 1 行')).toBeTruthy();
  expect(getByText(page, '速度：每秒 850 行')).toBeTruthy();
  const createObjectURL = jest.fn(() => 'blob:x');
  Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
  await click(getByText(page, '下载未通过的行（CSV，含行号和原因）'));
  await waitFor(() => expect(getFeedRejected).toHaveBeenCalledWith(job().id));
  jest.useRealTimers();
});

test('refuses a file that is not CSV or JSON lines, and one over 1 GB, before sending anything', async () => {
  (pickFeedFile as jest.Mock).mockResolvedValueOnce({ name: '名单.xlsx', size: 10 });
  const page = await render(<FeedFileImport />);
  await click(getByText(page, '选择文件'));
  expect(await findByText(page, '请选择 .csv 或 .jsonl 文件（可为 .gz 压缩）')).toBeTruthy();
  (pickFeedFile as jest.Mock).mockResolvedValueOnce({
    name: '社保.csv.gz',
    size: 1024 ** 3 + 1,
  });
  await click(getByText(page, '选择文件'));
  expect(await findByText(page, '文件不能超过 1 GB')).toBeTruthy();
  expect(createFeedImport).not.toHaveBeenCalled();
});
