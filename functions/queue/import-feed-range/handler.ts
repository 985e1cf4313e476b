/**
 * The range worker of a fanned-out feed import (issue #16): one SQS message `{ jobId, index }`
 * per byte range (batch size 1), sent by the planner (functions/queue/import-feed). It
 * imports the range from its checkpoint (functions/services/feed-fanout.ts runFeedRange):
 * a redelivered message for a finished range changes nothing, one for a range cut short
 * resumes it, and nothing is counted twice (each checkpoint moves the job's counts in the
 * same transaction as the range's own). A range that cannot finish before the Lambda
 * deadline stops at a checkpoint and fails its record, so SQS redelivers it after the
 * visibility timeout; after FeedRangeQueue's maxReceiveCount the message goes to the DLQ
 * (its alarm, docs/runbook.md), and at that last delivery the job is marked failed with
 * the reason, so the admin page shows it.
 */
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { FeedJobId } from '../../../shared/schemas/feeds';
import { logger } from '../../_lib/logger';
import {
  markRangeFailure,
  RangeNotFinished,
  runFeedRange,
  storedFanoutIo,
} from '../../services/feed-fanout';

const RangeMessage = z.object({ jobId: FeedJobId, index: z.number().int().min(0).max(99_999) });

/** Stop this long before the Lambda deadline, at a checkpoint. */
const SAFETY_MS = 30_000;
/** FeedRangeQueue's maxReceiveCount (infra/money-resources.yml) */
const MAX_RECEIVES = Number(process.env.FEED_RANGE_MAX_RECEIVES ?? 5);

const jsonOf = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

let sqs: SQSClient | undefined;

/**
 * A failed record would wait out the queue's visibility timeout (6 × the function's) before
 * it is tried again: a range stopped at the deadline is handed back at once, a failed one
 * after a short pause. Best effort: without it SQS still redelivers, later.
 */
async function retrySoon(record: SQSRecord, seconds: number): Promise<void> {
  const url = process.env.FEED_RANGE_QUEUE_URL;
  if (!url) return;
  sqs ??= new SQSClient({});
  await sqs
    .send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: seconds,
      }),
    )
    .catch((e: unknown) => {
      logger.warn('could not hand the range back early', { error: String(e) });
    });
}

export const handler = async (event: SQSEvent, ctx?: Context): Promise<SQSBatchResponse> => {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const parsed = RangeMessage.safeParse(jsonOf(record.body));
    if (!parsed.success) {
      logger.warn('not a feed range message', { messageId: record.messageId });
      continue; // a malformed message can never succeed: dropped, not retried
    }
    const { jobId, index } = parsed.data;
    const controller = new AbortController();
    const remaining = ctx?.getRemainingTimeInMillis() ?? 0;
    const timer =
      remaining > SAFETY_MS
        ? setTimeout(() => controller.abort(), remaining - SAFETY_MS)
        : undefined;
    try {
      await runFeedRange(jobId, index, storedFanoutIo({ signal: controller.signal }));
    } catch (e) {
      failures.push({ itemIdentifier: record.messageId });
      const unfinished = e instanceof RangeNotFinished;
      const receives = Number(record.attributes.ApproximateReceiveCount);
      if (!unfinished && receives >= MAX_RECEIVES)
        await markRangeFailure(jobId, e).catch(() => undefined);
      else await retrySoon(record, unfinished ? 0 : 30 * receives);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
  return { batchItemFailures: failures };
};
