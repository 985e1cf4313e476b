/**
 * The grant deriver on the table's stream (serverless.yml: a DynamoDB stream event filtered
 * to inserted grants, bisect-on-error, the notices' dead-letter queue on failure): each new
 * grant's creation events and notice, written once (functions/services/grant-derive.ts). A
 * record that fails is reported as a batch item failure, so Lambda retries from it.
 * Locally infra/local/notice-stream.ts reads DynamoDB Local's stream and calls this handler
 * before the notice sender's.
 */
import type {
  AttributeValue,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import type { Grant } from '../../../shared/lifecycle/grant';
import { logger } from '../../_lib/logger';
import { deriveGrantCreation } from '../../services/grant-derive';

/** A stream image's value as plain JSON (strings, numbers, booleans, null, maps, lists, sets). */
export function plain(v: AttributeValue): unknown {
  if (v.S !== undefined) return v.S;
  if (v.N !== undefined) return Number(v.N);
  if (v.BOOL !== undefined) return v.BOOL;
  if (v.NULL !== undefined) return null;
  if (v.M !== undefined)
    return Object.fromEntries(Object.entries(v.M).map(([k, x]) => [k, plain(x)]));
  if (v.L !== undefined) return v.L.map(plain);
  if (v.SS !== undefined) return v.SS;
  if (v.NS !== undefined) return v.NS.map(Number);
  throw new Error(`unsupported attribute value ${Object.keys(v).join(',')}`);
}

/** The state of an inserted grant record, else undefined. */
export function insertedGrantOf(r: DynamoDBRecord): Grant | undefined {
  if (r.eventName !== 'INSERT') return undefined;
  const image = r.dynamodb?.NewImage;
  if (image?.kind?.S !== 'grant' || image.SK?.S !== 'STATE' || !image.state) return undefined;
  return plain(image.state) as Grant;
}

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const r of event.Records) {
    const grant = insertedGrantOf(r);
    if (grant === undefined) continue;
    try {
      await deriveGrantCreation(grant);
    } catch (e) {
      logger.error('grant deriver failed', { id: grant.id, error: (e as Error).message });
      // Lambda retries from this record on (the ones before it are done)
      return { batchItemFailures: [{ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};
