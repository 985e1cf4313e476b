/**
 * The dashboard's counters are kept by the table's stream (functions/queue/stats-counters);
 * Lambda runs that handler on AWS, `npm start` through infra/local/notice-stream.ts. A test
 * that reads GET /v1/admin/stats after changing state first lets the stream catch up: every
 * record of this file's table from its start, through the very handler, counted once each
 * (a record read again is a no-op, so calling this twice is safe).
 */
import { streamReader } from '../../infra/local/notice-stream';
import { handler } from '../../functions/queue/stats-counters/handler';

export async function countersCaughtUp(): Promise<number> {
  const reader = await streamReader({
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '',
    tableName: process.env.TABLE_NAME ?? '',
    handler,
    from: 'TRIM_HORIZON',
  });
  return reader.poll();
}
