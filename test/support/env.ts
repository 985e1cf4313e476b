import { offsetToBusinessDate } from '../../functions/_lib/clock';

/**
 * The business date integration tests run on: inside the 2020 schemes' claim windows
 * (POLICIES.md A–D are dated), on a known working day of the calendar.
 */
export const TEST_BUSINESS_DATE = '2020-12-15';

/** The environment a handler sees on AWS, pointed at a local engine. */
export function applyTestEnv(endpoint: string): void {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: 'ap-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    // signs our treasury orders and the fake's callbacks (functions/adapters/treasury-signature.ts)
    TREASURY_HMAC_SECRET: 'test-treasury-hmac-secret-test-treasury-0123',
    SUBJECT_ID_KEY: 'test-subject-id-key-test-subject-id-key-01',
    STAGE: 'test',
    ZHIDA_CLOCK_OFFSET_MS: String(offsetToBusinessDate(TEST_BUSINESS_DATE)),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    LOG_LEVEL: 'SILENT',
    // the business metrics' EMF lines (functions/_lib/metrics.test.ts reads them) would only
    // clutter the test output
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
}
