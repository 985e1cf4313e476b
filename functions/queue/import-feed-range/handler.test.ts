import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { handler } from './handler';
import { markRangeFailure, RangeNotFinished, runFeedRange } from '../../services/feed-fanout';

jest.mock('../../services/feed-fanout', () => {
  const actual = jest.requireActual<typeof import('../../services/feed-fanout')>(
    '../../services/feed-fanout',
  );
  return {
    RangeNotFinished: actual.RangeNotFinished,
    storedFanoutIo: () => ({}),
    runFeedRange: jest.fn(),
    markRangeFailure: jest.fn(() => Promise.resolve()),
  };
});

process.env.LOG_LEVEL = 'SILENT';
const run = runFeedRange as jest.MockedFunction<typeof runFeedRange>;
const fail = markRangeFailure as jest.MockedFunction<typeof markRangeFailure>;
const JOB = `fjb_${'a'.repeat(32)}`;

const event = (body: unknown, receives = 1): SQSEvent => ({
  Records: [
    {
      messageId: 'm1',
      receiptHandle: 'r1',
      body: JSON.stringify(body),
      attributes: { ApproximateReceiveCount: String(receives) },
    } as unknown as SQSRecord,
  ],
});

describe('feed range worker (issue #16): which records it fails back to SQS', () => {
  beforeEach(() => {
    run.mockReset();
    fail.mockClear();
  });

  it('a finished range: no failure', async () => {
    run.mockResolvedValue({} as never);
    await expect(handler(event({ jobId: JOB, index: 3 }))).resolves.toEqual({
      batchItemFailures: [],
    });
    expect(run).toHaveBeenCalledWith(JOB, 3, expect.anything());
  });

  it('a range stopped at the deadline is retried, and never marks the job failed', async () => {
    run.mockRejectedValue(new RangeNotFinished(JOB, 3));
    const out = await handler(event({ jobId: JOB, index: 3 }, 9));
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(fail).not.toHaveBeenCalled();
  });

  it('a failing range is retried; at its last delivery the job is marked failed', async () => {
    run.mockRejectedValue(new Error('throttled'));
    expect((await handler(event({ jobId: JOB, index: 1 }, 2))).batchItemFailures).toHaveLength(1);
    expect(fail).not.toHaveBeenCalled();
    expect((await handler(event({ jobId: JOB, index: 1 }, 5))).batchItemFailures).toHaveLength(1);
    expect(fail).toHaveBeenCalledWith(JOB, expect.any(Error));
  });

  it('a message that is not a range is dropped, not retried', async () => {
    expect(await handler(event({ jobId: 'x', index: -1 }))).toEqual({ batchItemFailures: [] });
    const garbled = event({});
    if (garbled.Records[0]) garbled.Records[0].body = '{not json';
    expect(await handler(garbled)).toEqual({ batchItemFailures: [] });
    expect(run).not.toHaveBeenCalled();
  });
});
