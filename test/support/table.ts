/**
 * A fresh table per test file, so suites running in parallel never see each other's data.
 * Like bootstrap, it holds the seed policies as their first published versions.
 *
 * Every table a file creates is deleted after it (timeout.ts registers the afterAll): the run
 * shares one in-memory DynamoDB Local, and ~150 files' tables left behind filled its heap, so
 * the late files ran 10× slower than alone (case-05-disburse: 203 s in the run, 20 s alone).
 *
 * A table has no stream unless the file reads it (`freshTable({ stream: true })`). DynamoDB
 * Local looks up the stream's description on every write to a stream table, and that lookup
 * grows with every stream table the engine has created, deleted ones included. Measured on one
 * engine: 275 puts/s into a new stream table at first, 32 puts/s after 100 stream tables were
 * created and deleted (8.6× slower), 571 puts/s into a table without a stream either way. The
 * engine's one SQLite thread spent 94% of a full run in that lookup, and the late files ran up to
 * 17× slower than alone (feeds/import: 146 s in the run, 8.6 s alone).
 */
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable, localClient } from '../../infra/local/bootstrap';
import { seedCatalogue } from '../../functions/services/catalogue';
import { instantOf } from '../../shared/calendar';

const created: string[] = [];

function endpointOrThrow(): string {
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint) throw new Error('integration tests need the global setup (DynamoDB Local)');
  return endpoint;
}

export async function freshTable(o: { stream?: boolean } = {}): Promise<string> {
  const tableName = `t-${randomUUID().slice(0, 8)}`;
  await ensureTable(localClient(endpointOrThrow()), tableName, { stream: o.stream ?? false });
  created.push(tableName);
  process.env.TABLE_NAME = tableName;
  await seedCatalogue(instantOf(new Date('2020-01-01T00:00:00.000Z')));
  return tableName;
}

/** Deletes this file's tables; returns their names (the cleanup test reads them). */
export async function dropTables(): Promise<string[]> {
  if (created.length === 0) return [];
  const client = localClient(endpointOrThrow());
  const names = created.splice(0);
  await Promise.all(names.map((TableName) => client.send(new DeleteTableCommand({ TableName }))));
  client.destroy();
  return names;
}
