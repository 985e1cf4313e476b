/**
 * SQS worker of the fanned-out auto-grant run (DESIGN §7): one message = one parallel-scan
 * segment of one run. Powertools batch reports only the failed records back to SQS
 * (partial batch response), and the segment evaluation is idempotent per [runId, segment]
 * — a redelivered message for a finished segment returns the stored result. A segment
 * that cannot finish before the Lambda deadline stops at a checkpoint and fails its record,
 * so SQS redelivers it and the next worker resumes from there; after maxReceiveCount the
 * message goes to the DLQ (serverless.yml SegmentDlq).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import type { RunId } from '../../../shared/ids';
import { flushMetrics } from '../../_lib/metrics';
import { evaluateSegment } from '../../services/auto-grant';
import { evaluatePolicyNoticeSegment, isPolicyNoticeRunId } from '../../services/policy-notices';
import { evaluatePopulationSegment, isPopulationRunId } from '../../services/population';
import { evaluateSandboxSegment, isSandboxRunId } from '../../services/sandbox';

const SegmentMessage = z.object({
  runId: z.string().regex(/^run_[0-9A-Za-z_.~-]+$/),
  segment: z.number().int().min(0).max(999),
});
type SegmentMessage = z.infer<typeof SegmentMessage>;

/** Stop this long before the Lambda deadline, at a page boundary. */
const SAFETY_MS = 30_000;

const processor = new BatchProcessor(EventType.SQS);
const config = new IdempotencyConfig({
  eventKeyJmesPath: '[runId, segment]',
  expiresAfterSeconds: 24 * 3600,
});

let persistenceStore: DynamoDBPersistenceLayer | undefined;
const store = () =>
  (persistenceStore ??= new DynamoDBPersistenceLayer({
    tableName: process.env.TABLE_NAME ?? '',
    keyAttr: 'PK',
    sortKeyAttr: 'SK',
    staticPkValue: 'IDEMPOTENCY#evaluate-segment',
    expiryAttr: 'expiresAt',
    awsSdkV3Client: new DynamoDBClient({}),
  }));

let context: Context | undefined;

async function evaluate(
  msg: SegmentMessage,
): Promise<{ runId: string; segment: number; pages: number }> {
  const controller = new AbortController();
  const timer =
    context && context.getRemainingTimeInMillis() > SAFETY_MS
      ? setTimeout(() => controller.abort(), context.getRemainingTimeInMillis() - SAFETY_MS)
      : undefined;
  try {
    // a 政策沙盘 run uses the same segments and queue and writes only its tallies; a 政策找企业
    // job writes only its notices; a population count only its tallies, then its populations
    const evaluateOne = isSandboxRunId(msg.runId)
      ? evaluateSandboxSegment
      : isPolicyNoticeRunId(msg.runId)
        ? evaluatePolicyNoticeSegment
        : isPopulationRunId(msg.runId)
          ? evaluatePopulationSegment
          : evaluateSegment;
    const r = await evaluateOne(
      { runId: msg.runId as RunId, segment: msg.segment },
      { signal: controller.signal },
    );
    if (!r.done)
      throw new Error(
        `segment ${msg.segment} of ${msg.runId} not finished; resumes from its checkpoint on redelivery`,
      );
    return { ...msg, pages: r.pages };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

let evaluateOnce: ((msg: SegmentMessage) => Promise<unknown>) | undefined;

const recordHandler = async (record: SQSRecord) => {
  const msg = SegmentMessage.parse(JSON.parse(record.body));
  evaluateOnce ??= makeIdempotent(evaluate, { persistenceStore: store(), config });
  return evaluateOnce(msg);
};

export const handler = async (event: SQSEvent, ctx: Context) => {
  context = ctx;
  config.registerLambdaContext(ctx);
  try {
    return await processPartialResponse(event, recordHandler, processor, { context: ctx });
  } finally {
    flushMetrics(); // the grants this batch created
  }
};
