/**
 * The notice sender (and issue 16's grant deriver) locally: reads DynamoDB Local's stream of the table (infra/table.json turns
 * it on; DynamoDB Local serves the DynamoDB Streams API on its own endpoint) and hands each
 * batch to the very handler Lambda runs on AWS (functions/queue/notice-sender). A batch item
 * failure is retried from that record, as Lambda does.
 *
 * The Streams API is called as plain JSON-RPC (X-Amz-Target DynamoDBStreams_20120810.*): the
 * SDK's streams client is not a dependency, and DynamoDB Local does not check signatures.
 *
 * `npm start` runs it as a child process (`npx tsx infra/local/notice-stream.ts`, env as the API).
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { localClient } from './bootstrap';

type Handler = (e: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

async function rpc<T>(endpoint: string, op: string, body: unknown): Promise<T> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDBStreams_20120810.${op}`,
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20200101/ap-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=local',
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${op}: HTTP ${String(res.status)} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Shard {
  ShardId: string;
}

/** A reader of one table's stream: `poll()` delivers everything new once. */
export async function streamReader(o: {
  endpoint: string;
  tableName: string;
  handler: Handler;
  /** TRIM_HORIZON reads the stream from its start (tests); LATEST from now (default) */
  from?: 'TRIM_HORIZON' | 'LATEST';
}) {
  const table = await localClient(o.endpoint).send(
    new DescribeTableCommand({ TableName: o.tableName }),
  );
  const arn = table.Table?.LatestStreamArn;
  if (!arn) throw new Error(`table ${o.tableName} has no stream`);
  const iterators = new Map<string, string | undefined>();

  const shards = async (): Promise<Shard[]> => {
    const d = await rpc<{ StreamDescription: { Shards?: Shard[] } }>(o.endpoint, 'DescribeStream', {
      StreamArn: arn,
    });
    return d.StreamDescription.Shards ?? [];
  };
  for (const s of await shards()) {
    const it = await rpc<{ ShardIterator?: string }>(o.endpoint, 'GetShardIterator', {
      StreamArn: arn,
      ShardId: s.ShardId,
      ShardIteratorType: o.from ?? 'LATEST',
    });
    iterators.set(s.ShardId, it.ShardIterator);
  }

  /** Reads every shard until it has nothing new; returns how many records it handed over. */
  const poll = async (): Promise<number> => {
    let handed = 0;
    for (const s of await shards()) {
      if (!iterators.has(s.ShardId)) {
        // a shard opened since: read it from its start
        const it = await rpc<{ ShardIterator?: string }>(o.endpoint, 'GetShardIterator', {
          StreamArn: arn,
          ShardId: s.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        });
        iterators.set(s.ShardId, it.ShardIterator);
      }
    }
    for (const [shard, iterator] of iterators) {
      let it = iterator;
      while (it) {
        const out = await rpc<{ Records?: DynamoDBRecord[]; NextShardIterator?: string }>(
          o.endpoint,
          'GetRecords',
          { ShardIterator: it, Limit: 100 },
        );
        const records = out.Records ?? [];
        if (records.length === 0) {
          it = out.NextShardIterator;
          break;
        }
        let pending = records;
        // as Lambda: a batch item failure is retried from that record (a few times, then skipped:
        // the sweep of the pending index picks the notice up later)
        for (let attempt = 0; pending.length > 0 && attempt < 3; attempt++) {
          const res = await o.handler({ Records: pending });
          const failed = res.batchItemFailures[0]?.itemIdentifier;
          const at = pending.findIndex((r) => r.dynamodb?.SequenceNumber === failed);
          handed += at < 0 ? pending.length : at;
          pending = at < 0 ? [] : pending.slice(at);
        }
        it = out.NextShardIterator;
      }
      iterators.set(shard, it);
    }
    return handed;
  };
  return { poll };
}

/**
 * Two stream consumers over the same batch, as two Lambdas on one stream: the grant deriver
 * (issue 16), then the notice sender; a failure is retried from the earliest record either
 * failed on (the records before it are done for both; both handlers are idempotent).
 */
export function bothHandlers(first: Handler, second: Handler): Handler {
  return async (e) => {
    const failures = [await first(e), await second(e)].flatMap((r) => r.batchItemFailures);
    const failed = new Set(failures.map((f) => f.itemIdentifier));
    const at = e.Records.find((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
    return {
      batchItemFailures: at ? [{ itemIdentifier: at.dynamodb?.SequenceNumber ?? '' }] : [],
    };
  };
}

if (require.main === module) {
  void (async () => {
    const sender = (await import('../../functions/queue/notice-sender/handler')).handler;
    const deriver = (await import('../../functions/queue/grant-deriver/handler')).handler;
    const handler = bothHandlers(deriver, sender);
    const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
    const tableName = process.env.TABLE_NAME;
    if (!endpoint || !tableName) throw new Error('AWS_ENDPOINT_URL_DYNAMODB and TABLE_NAME');
    const reader = await streamReader({ endpoint, tableName, handler, from: 'TRIM_HORIZON' });
    // the dashboard's counters read the same stream, as their own Lambda does on AWS (issue #16)
    const counters = await streamReader({
      endpoint,
      tableName,
      handler: (await import('../../functions/queue/stats-counters/handler')).handler,
      from: 'TRIM_HORIZON',
    });
    console.log(`notice sender and stats counters reading the stream of ${tableName}`);
    for (;;) {
      try {
        await reader.poll();
      } catch (e) {
        console.error(`notice stream: ${(e as Error).message}`);
      }
      try {
        await counters.poll();
      } catch (e) {
        console.error(`counters stream: ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
}
