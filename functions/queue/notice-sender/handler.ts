/**
 * The notice sender on the table's stream (serverless.yml: a DynamoDB stream event filtered
 * to inserted outbox records, bisect-on-error, an SQS on-failure destination). Each record is
 * delivered through functions/services/notice-sender.ts; a record the sender could not even
 * attempt (a DynamoDB error) is reported as a batch item failure, so Lambda retries from it.
 * Locally infra/local/notice-stream.ts reads DynamoDB Local's stream and calls this same handler.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../../_lib/logger';
import { defaultSenderDeps, deliverNotice, type SenderDeps } from '../../services/notice-sender';

/** The outbox id of an inserted outbox record, else undefined. */
export function outboxIdOf(r: DynamoDBRecord): string | undefined {
  if (r.eventName !== 'INSERT') return undefined;
  const image = r.dynamodb?.NewImage;
  if (image?.kind?.S !== 'outbox') return undefined;
  return image.record?.M?.id?.S;
}

export function streamHandler(deps: () => SenderDeps = defaultSenderDeps) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const d = deps();
    for (const r of event.Records) {
      const id = outboxIdOf(r);
      if (id === undefined) continue;
      try {
        await deliverNotice(id, d);
      } catch (e) {
        logger.error('notice sender failed', { id, error: (e as Error).message });
        // Lambda retries from this record on (the ones before it are done)
        return { batchItemFailures: [{ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };
}

export const handler = streamHandler();
