/**
 * The grant deriver on the table's stream (serverless.yml: a DynamoDB stream event filtered
 * to inserted grants and to inserted claims that carry a grant, bisect-on-error, the notices'
 * dead-letter queue on failure): each carried grant written with its creation events and
 * notice, each grant the run wrote itself given them, once (functions/services/grant-derive.ts). A
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
import { deriveCarriedGrant, deriveGrantCreation } from '../../services/grant-derive';

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
  if (image.fromClaim?.BOOL === true) return undefined; // written with its events by this deriver
  return plain(image.state) as Grant;
}

/** The grant an inserted claim carries, with its run, else undefined. */
export function carriedGrantOf(r: DynamoDBRecord): { grant: Grant; runId: string } | undefined {
  if (r.eventName !== 'INSERT') return undefined;
  const image = r.dynamodb?.NewImage;
  if (image?.kind?.S !== 'claim' || image.derive?.S !== 'grant' || !image.grant) return undefined;
  return { grant: plain(image.grant) as Grant, runId: image.runId?.S ?? '' };
}

/** What one record asks of the deriver, or nothing. */
function derivation(r: DynamoDBRecord): { id: string; run: () => Promise<unknown> } | undefined {
  const carried = carriedGrantOf(r);
  if (carried)
    return { id: carried.grant.id, run: () => deriveCarriedGrant(carried.grant, carried.runId) };
  const grant = insertedGrantOf(r);
  return grant && { id: grant.id, run: () => deriveGrantCreation(grant) };
}

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const r of event.Records) {
    const d = derivation(r);
    if (d === undefined) continue;
    try {
      await d.run();
    } catch (e) {
      logger.error('grant deriver failed', { id: d.id, error: (e as Error).message });
      // Lambda retries from this record on (the ones before it are done)
      return { batchItemFailures: [{ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};
