/**
 * The dashboard's counters on the table's stream (issue #16; serverless.yml: a DynamoDB
 * stream event filtered to application and grant state items, bisect-on-error). Each record's
 * old and new images give the change (shared/stats-counters.ts), counted once per (item,
 * version) by functions/repositories/counters.ts: a batch Lambda retries, or a record the
 * stream delivers twice, never counts twice. Locally infra/local/notice-stream.ts reads
 * DynamoDB Local's stream and calls this same handler.
 *
 * Why the stream and not the state-changing transactions: every grant of a policy would update
 * that policy's one counter item, so concurrent grant transactions (an auto-grant run writes
 * dozens at once) would conflict on it (TransactionConflict) and a hot item caps a policy at
 * ~1,000 writes/s; the stream also counts every writer the same way, present and future.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { counterChange, type Counted } from '../../../shared/stats-counters';
import { logger } from '../../_lib/logger';
import { countOnce } from '../../repositories/counters';

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

function countedOf(image: Image | undefined): Counted | undefined {
  if (!image) return undefined;
  const pk = image.PK?.S ?? '';
  if (image.SK?.S !== 'STATE') return undefined;
  const kind = pk.startsWith('APP#') ? 'application' : pk.startsWith('GRANT#') ? 'grant' : null;
  if (!kind) return undefined;
  // the four string attributes counted, read straight from the stream's attribute values
  const state = image.state?.M;
  const policyId = state?.policyId?.S;
  const status = state?.status?.S;
  if (policyId === undefined || status === undefined) return undefined;
  const start = (kind === 'application' ? state?.decidedAt : state?.detectedAt)?.S;
  return { kind, policyId, status, ...(start === undefined ? {} : { slaStartAt: start }) };
}

/** The write a record reports, and what it changes in the counters (undefined: not counted). */
export function changeOf(
  r: DynamoDBRecord,
): { pk: string; version: string; change: ReturnType<typeof counterChange> } | undefined {
  const { OldImage, NewImage } = r.dynamodb ?? {};
  const old = countedOf(OldImage);
  const next = countedOf(NewImage);
  if (!old && !next) return undefined;
  const pk = (NewImage ?? OldImage)?.PK?.S ?? '';
  // a removal is its own write: marked apart from the version it removed
  const version =
    r.eventName === 'REMOVE'
      ? `${OldImage?.version?.N ?? '0'}-removed`
      : (NewImage?.version?.N ?? '0');
  return { pk, version, change: counterChange(old, next) };
}

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const r of event.Records) {
    const write = changeOf(r);
    if (!write || write.change.size === 0) continue;
    try {
      await countOnce(write, write.change);
    } catch (e) {
      logger.error('stats counters failed', { pk: write.pk, error: (e as Error).message });
      // Lambda retries from this record on (the ones before it are counted, and marked)
      return { batchItemFailures: [{ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};
