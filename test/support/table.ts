/**
 * A fresh table per test file, so suites running in parallel never see each other's data.
 * Like bootstrap, it holds the seed policies as their first published versions.
 */
import { randomUUID } from 'node:crypto';
import { ensureTable, localClient } from '../../infra/local/bootstrap';
import { seedCatalogue } from '../../functions/services/catalogue';
import { instantOf } from '../../shared/calendar';

export async function freshTable(): Promise<string> {
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint) throw new Error('integration tests need the global setup (DynamoDB Local)');
  const tableName = `t-${randomUUID().slice(0, 8)}`;
  await ensureTable(localClient(endpoint), tableName);
  process.env.TABLE_NAME = tableName;
  await seedCatalogue(instantOf(new Date('2020-01-01T00:00:00.000Z')));
  return tableName;
}
