import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { conflict, DomainError } from '../../shared/errors';
import { businessMetrics } from '../_lib/metrics';
import { isConflict, withRetry } from './retry';

/** An SDK error as the DynamoDB client raises it. */
function sdkError(name: string, httpStatusCode: number): Error {
  return Object.assign(new Error(name), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode },
  });
}

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled [${codes.join(', ')}]`,
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

/** fn fails with `error` the first time, then succeeds; how many calls withRetry made, and its outcome. */
async function retried(error: unknown): Promise<{ calls: number; outcome: unknown }> {
  let calls = 0;
  const outcome = await withRetry(
    async () => {
      if (++calls === 1) throw error;
      return 'done';
    },
    { baseMs: 1, maxMs: 2 },
  ).catch((e: unknown) => e);
  return { calls, outcome };
}

describe('withRetry retries conflicts only; throttling is the SDK’s to retry', () => {
  it.each([
    ['ThrottlingException', 400],
    ['ProvisionedThroughputExceededException', 400],
    ['RequestLimitExceeded', 400],
    ['InternalServerError', 500],
    ['ServiceUnavailable', 503],
  ])('does not retry %s (the SDK already did, up to maxAttempts)', async (name, status) => {
    const error = sdkError(name, status);
    const { calls, outcome } = await retried(error);
    expect(calls).toBe(1);
    expect(outcome).toBe(error);
  });

  it('does not retry a transaction cancelled for throttling', async () => {
    const error = cancelled('None', 'ThrottlingError');
    expect(await retried(error)).toEqual({ calls: 1, outcome: error });
  });

  it('retries our optimistic-version CONFLICT, then returns the result', async () => {
    expect(await retried(conflict())).toEqual({ calls: 2, outcome: 'done' });
  });

  it('retries a transaction cancelled for a TransactionConflict', async () => {
    expect(await retried(cancelled('None', 'TransactionConflict'))).toEqual({
      calls: 2,
      outcome: 'done',
    });
  });

  it('retries a single write that collided with a transaction (TransactionConflictException)', async () => {
    expect(await retried(sdkError('TransactionConflictException', 400))).toEqual({
      calls: 2,
      outcome: 'done',
    });
  });

  it('never retries a failed condition or any other domain error', async () => {
    const condition = cancelled('ConditionalCheckFailed', 'TransactionConflict');
    expect(await retried(condition)).toEqual({ calls: 1, outcome: condition });
    const wrongState = new DomainError('WRONG_STATE', '状态不允许');
    expect(await retried(wrongState)).toEqual({ calls: 1, outcome: wrongState });
  });

  it('gives up on a conflict after `attempts` tries, with the last error', async () => {
    let calls = 0;
    const outcome = await withRetry(
      async () => {
        calls++;
        throw conflict();
      },
      { attempts: 3, baseMs: 1, maxMs: 2 },
    ).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(outcome).toMatchObject({ code: 'CONFLICT' });
  });

  it('counts each retry in the ConflictRetries metric, and nothing for an error it does not retry', async () => {
    const retriedMetric = jest.spyOn(businessMetrics, 'conflictRetried');
    try {
      await retried(conflict());
      expect(retriedMetric).toHaveBeenCalledTimes(1);
      await retried(new DomainError('WRONG_STATE', '状态不允许'));
      expect(retriedMetric).toHaveBeenCalledTimes(1);
      await withRetry(
        async () => {
          throw conflict();
        },
        { attempts: 3, baseMs: 1, maxMs: 2 },
      ).catch(() => undefined);
      // three tries are two retries
      expect(retriedMetric).toHaveBeenCalledTimes(3);
    } finally {
      retriedMetric.mockRestore();
    }
  });

  it('isConflict: only CONFLICT, TransactionConflictException and a pure TransactionConflict cancellation', () => {
    expect(isConflict(conflict())).toBe(true);
    expect(isConflict(sdkError('TransactionConflictException', 400))).toBe(true);
    expect(isConflict(cancelled('TransactionConflict'))).toBe(true);
    expect(isConflict(cancelled('None', 'None'))).toBe(false);
    expect(isConflict(cancelled('ThrottlingError', 'TransactionConflict'))).toBe(false);
    expect(isConflict(sdkError('ThrottlingException', 400))).toBe(false);
    expect(isConflict(undefined)).toBe(false);
  });
});
