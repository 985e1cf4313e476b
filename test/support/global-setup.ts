/**
 * One in-memory DynamoDB Local per test run. Only its endpoint is published (workers inherit
 * it); each integration worker applies the rest of the test environment itself
 * (setup-env.ts), so other projects' workers never see a shifted clock or test secrets.
 */
import { startDynamoLocal, type DynamoLocal } from '../../infra/local/dynamodb-local';

declare global {
  var __DYNAMO_LOCAL__: DynamoLocal | undefined;
}

export default async function globalSetup(): Promise<void> {
  const engine = await startDynamoLocal();
  globalThis.__DYNAMO_LOCAL__ = engine;
  process.env.ZHIDA_TEST_DYNAMO_ENDPOINT = engine.endpoint;
}
