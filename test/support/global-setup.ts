/** One in-memory DynamoDB Local per test run; workers inherit its endpoint through env. */
import { startDynamoLocal, type DynamoLocal } from '../../infra/local/dynamodb-local';
import { applyTestEnv } from './env';

declare global {
  // eslint-disable-next-line no-var
  var __DYNAMO_LOCAL__: DynamoLocal | undefined;
}

export default async function globalSetup(): Promise<void> {
  const engine = await startDynamoLocal();
  globalThis.__DYNAMO_LOCAL__ = engine;
  applyTestEnv(engine.endpoint);
}
