import { applyTestEnv } from './env';

const endpoint = process.env.ZHIDA_TEST_DYNAMO_ENDPOINT;
if (!endpoint) throw new Error('integration tests need the global setup (DynamoDB Local)');
applyTestEnv(endpoint);
