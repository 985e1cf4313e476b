/** A fresh table per test file, so suites running in parallel never see each other's data. */
import { randomUUID } from 'node:crypto';
import { ensureTable, localClient } from '../../infra/local/bootstrap';

export async function freshTable(): Promise<string> {
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint) throw new Error('integration tests need the global setup (DynamoDB Local)');
  const tableName = `t-${randomUUID().slice(0, 8)}`;
  await ensureTable(localClient(endpoint), tableName);
  process.env.TABLE_NAME = tableName;
  return tableName;
}
