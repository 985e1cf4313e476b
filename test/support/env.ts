/**
 * The business date integration tests run on: inside the 2020 schemes' claim windows
 * (POLICIES.md A–D are dated), on a known working day of the calendar.
 */
export const TEST_BUSINESS_DATE = '2020-12-15';

/** When this test file's modules loaded: the shifted clock's 10:00 (see testClockOffset). */
const ANCHOR_MS = Date.now();

/**
 * The clock offset that makes the platform read `date` at 10:00 in Shanghai (02:00 UTC) when
 * this test file started, plus the real time since, whatever the real hour. Tests must not
 * depend on the hour CI runs at: keeping the real time of day put the shifted clock after
 * 16:00 UTC on some runs, where the Shanghai day and the UTC day differ. The anchor is fixed,
 * so setting the same date again never moves the clock back.
 */
export function testClockOffset(date: string = TEST_BUSINESS_DATE): number {
  const target = Date.parse(`${date}T10:00:00+08:00`);
  if (Number.isNaN(target)) throw new Error(`not a date: ${date}`);
  return target - ANCHOR_MS;
}

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
    ZHIDA_CLOCK_OFFSET_MS: String(testClockOffset()),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    LOG_LEVEL: 'SILENT',
    // the business metrics' EMF lines (functions/_lib/metrics.test.ts reads them) would only
    // clutter the test output
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
}
