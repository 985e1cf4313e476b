/** 免申即享批次: polls the run until it is no longer running; the bar follows the segments. */
import { getRun, type RunView } from '../../api/admin';
import { ApiError } from '../../api/client';
import { findByText, getAllByTestId, render, waitFor } from '../../test-support/render';
import { RunProgress } from './run-progress';

jest.mock('../../api/admin', () => ({ getRun: jest.fn() }));
const getRunMock = getRun as jest.MockedFunction<typeof getRun>;

beforeEach(() => jest.clearAllMocks());

const run = (over: Partial<RunView>): RunView => ({
  id: 'run_1',
  asOf: '2020-12-15',
  policyIds: ['job-retention-refund'],
  status: 'running',
  dispatch: 'in-process',
  segmentsTotal: 4,
  segmentsDone: 0,
  totals: {
    subjectsScanned: 0,
    evaluations: 0,
    grantsCreated: 0,
    grantedFen: 0,
    skipped: {},
    errors: 0,
  },
  lastErrors: [],
  startedAt: '2020-12-15T02:00:00.000Z',
  ...over,
});

test('polls until completed, through a failed poll, and shows progress and totals', async () => {
  getRunMock
    .mockResolvedValueOnce(run({ segmentsDone: 1 }))
    .mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络不稳定，请稍后重试'))
    .mockResolvedValueOnce(
      run({
        segmentsDone: 3,
        totals: {
          subjectsScanned: 5,
          evaluations: 5,
          grantsCreated: 1,
          grantedFen: 126000,
          skipped: {},
          errors: 0,
        },
      }),
    )
    .mockResolvedValueOnce(
      run({
        status: 'completed',
        segmentsDone: 4,
        finishedAt: '2020-12-15T02:00:09.000Z',
        totals: {
          subjectsScanned: 6,
          evaluations: 6,
          grantsCreated: 2,
          grantedFen: 1386000,
          skipped: {},
          errors: 0,
        },
      }),
    );
  const page = await render(<RunProgress runId="run_1" intervalMs={150} />);
  expect(await findByText(page, '25%')).toBeTruthy();
  await waitFor(() => expect(getAllByTestId(page, 'run-status')[0].textContent).toBe('已完成'));
  expect(getAllByTestId(page, 'run-percent')[0].textContent).toBe('100%');
  expect(page.querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow')).toBe('100');
  expect(getAllByTestId(page, 'run-grants')[0].textContent).toBe('新认定 2 笔，合计 ¥13,860.00');
  // stops polling once finished
  const calls = getRunMock.mock.calls.length;
  expect(calls).toBe(4);
  await new Promise((r) => setTimeout(r, 400));
  expect(getRunMock.mock.calls.length).toBe(calls);
  expect(getRunMock).toHaveBeenCalledWith('run_1');
});

test('a run that already finished is shown without polling', async () => {
  const page = await render(
    <RunProgress
      runId="run_1"
      initial={run({ status: 'failed', segmentsDone: 2, lastErrors: ['segment 2: 超时'] })}
      intervalMs={5}
    />,
  );
  expect(await findByText(page, 'segment 2: 超时')).toBeTruthy();
  expect(getAllByTestId(page, 'run-status')[0].textContent).toBe('失败');
  await new Promise((r) => setTimeout(r, 30));
  expect(getRunMock).not.toHaveBeenCalled();
});
