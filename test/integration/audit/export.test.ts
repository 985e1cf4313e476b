/**
 * Issue 14, the per-policy export: every item and payment of a policy as CSV, read page by page
 * and written as a multipart upload to S3-compatible storage (s3rver), answered with a
 * short-lived link. 130 grants, read 25 at a time, prove the paging: every item is in the file
 * once, paid ones with their payment's idempotency key and the treasury's reference.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handler as confirmHandler } from '../../../functions/http/confirm-grant/handler';
import { handler as exportHandler } from '../../../functions/http/export-policy-audit/handler';
import { putFacts } from '../../../functions/repositories/facts';
import { grantIdFor } from '../../../shared/lifecycle/grant';
import { paymentsOfItem } from '../../../functions/repositories/payments';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { exportPolicy, EXPORT_COLUMNS } from '../../../functions/services/audit-export';
import { processRun, startRun } from '../../../functions/services/auto-grant';
import { closePublicityDue } from '../../../functions/services/close-publicity';
import { disburseDue } from '../../../functions/services/disburse';
import { grantPeriodOf, policyIdOf } from '../../../shared/auto-grant';
import { now as clockNow } from '../../../functions/_lib/clock';
import { newId } from '../../../functions/_lib/new-id';
import { startLocalS3, type LocalS3 } from '../../../infra/local/s3';
import type { FakeTreasury } from '../../../infra/fakes/treasury';
import { SEED_CATALOGUE } from '../../../shared/policies';
import { call } from '../../support/http';
import { signSession } from '../../support/session';
import { freshTable } from '../../support/table';
import {
  AS_OF,
  applicantToken,
  daysAfter,
  enterpriseFacts,
  fakeTreasury,
  PAYEE,
  registerSubject,
  T_RUN,
  uscc,
} from '../money/support';

jest.setTimeout(300_000);

const N = 130;
const codes = Array.from({ length: N }, (_, i) => uscc(9600 + i));
const dir = mkdtempSync(join(tmpdir(), 's3-export-'));
let s3: LocalS3;
let fake: FakeTreasury;
let paid: string[];
const idOf = (code: string) => {
  const policy = SEED_CATALOGUE.find('hire-local');
  if (!policy) throw new Error('no hire-local');
  return grantIdFor(policyIdOf('hire-local'), subjectIdOf(code), grantPeriodOf(policy));
};

/** Splits CSV text into records of fields (RFC 4180 quoting). */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      out.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return out;
}

beforeAll(async () => {
  await freshTable();
  s3 = await startLocalS3({ directory: dir, bucket: 'zhida-test-exports' });
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  process.env.UPLOAD_BUCKET = s3.bucket;
  fake = await fakeTreasury('ok');
  for (const code of codes) {
    await putFacts(enterpriseFacts(code, 'twelve'));
    await registerSubject(code);
  }
  const run = await startRun(
    { asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 2 },
    { now: T_RUN },
  );
  await processRun(run.id, { now: T_RUN });
  // two of them confirm an account and are paid
  paid = [];
  for (const code of codes.slice(0, 2)) {
    const { token } = await applicantToken(code);
    const id = idOf(code);
    const res = await call(confirmHandler, 'POST /v1/grants/{id}/confirm', {
      token,
      params: { id },
      body: PAYEE,
    });
    expect(res.status).toBe(200);
    paid.push(id);
  }
  await closePublicityDue({ now: daysAfter(clockNow(), 6) });
  await disburseDue({ now: daysAfter(clockNow(), 7) });
  for (const id of paid) expect(await paymentsOfItem(id)).toHaveLength(1);
});
afterAll(async () => {
  await fake.stop();
  await s3.stop();
  delete process.env.AWS_ENDPOINT_URL_S3;
  rmSync(dir, { recursive: true, force: true });
});

describe('the per-policy export (CSV, written page by page)', () => {
  it('reads 130 grants 25 at a time: every item once, paid ones with their payment', async () => {
    const res = await exportPolicy('hire-local', clockNow(), { pageSize: 25 });
    // applications: one (empty) page; grants: 130 / 25 → 6 pages (the last one may be empty)
    expect(res.pages).toBeGreaterThanOrEqual(1 + Math.ceil(N / 25));
    expect(res.rows).toBe(N);
    const file = await fetch(res.url);
    expect(file.status).toBe(200);
    const text = await file.text();
    expect(Buffer.byteLength(text)).toBe(res.bytes - 3); // the BOM's three bytes, dropped by the decoder
    const records = parseCsv(text);
    expect(records[0]).toEqual([...EXPORT_COLUMNS]);
    const body = records.slice(1);
    expect(body).toHaveLength(N);
    const ids = body.map((r) => r[1]);
    expect(new Set(ids).size).toBe(N);
    for (const code of codes) expect(ids).toContain(idOf(code));
    const paidRows = body.filter((r) => paid.includes(r[1] ?? ''));
    expect(paidRows).toHaveLength(2);
    for (const r of paidRows) {
      expect(r[8]).toBe('400000');
      expect(r[12]).toBe(`${r[1] ?? ''}:1`);
      expect(r[13]).toBe('已到账');
      expect(r[15]).toBe('****2222');
      expect(r[16]).not.toBe('');
    }
    expect(text).not.toContain(PAYEE.accountNumber);
  });

  it('through the route: auditors and admins get a link; others are refused', async () => {
    const auditor = (await signSession({ kind: 'auditor', userId: newId('user') }, new Date()))
      .token;
    const res = await call(exportHandler, 'GET /v1/audit/policies/{policyId}/export', {
      token: auditor,
      params: { policyId: 'hire-local' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ policyId: 'hire-local', rows: N, pages: 3 });
    expect(res.body.key).toMatch(/^exports\/hire-local\//);
    const { token } = await applicantToken(codes[0] ?? '');
    const refused = await call(exportHandler, 'GET /v1/audit/policies/{policyId}/export', {
      token,
      params: { policyId: 'hire-local' },
    });
    expect(refused.status).toBe(403);
    const unknown = await call(exportHandler, 'GET /v1/audit/policies/{policyId}/export', {
      token: auditor,
      params: { policyId: 'no-such-policy' },
    });
    expect(unknown.status).toBe(404);
  });
});
