/**
 * Issue #10, cases 9 and 10, through the real handlers on DynamoDB Local:
 * 9 — subject ids are keyed (HMAC with SUBJECT_ID_KEY), not an unkeyed digest of the code;
 * 10 — a feed is validated whole before anything is written (duplicates, check characters),
 *      and list cursors are signed and bound to their list: foreign or tampered → 400.
 */
import { handler as importFactsHandler } from '../../../functions/http/import-facts/handler';
import { handler as listApplicationsHandler } from '../../../functions/http/list-applications/handler';
import { handler as listGrantsHandler } from '../../../functions/http/list-grants/handler';
import { handler as listPaymentsHandler } from '../../../functions/http/list-payments/handler';
import { saveGrant } from '../../../functions/repositories/grants';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { policyIdOf } from '../../../shared/auto-grant';
import { instantOf } from '../../../shared/calendar';
import { detectGrant } from '../../../shared/lifecycle/grant';
import { fen } from '../../../shared/money';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import { adminToken, applicantToken, enterpriseFacts, PAYEE, T_RUN, toJsonLines, uscc } from '../money/support';

jest.setTimeout(60_000);

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

async function grantsFor(code: string, periods: string[]) {
  for (const period of periods) {
    const t = detectGrant(
      {
        policyId: policyIdOf('hire-local'), policyVersion: 1, subjectId: subjectIdOf(code), period, department: 'finance',
        amountFen: fen(100_000), capFen: fen(20_000_000), publicityDays: 5, payee: PAYEE,
      },
      { kind: 'system', job: 'auto-grant' },
      instantOf(T_RUN),
    );
    await saveGrant(t.next, t.events, 'new');
  }
}

describe('case 10: cursors', () => {
  let a: { token: string };
  let admin: string;
  beforeAll(async () => {
    await freshTable();
    a = await applicantToken(uscc(9101));
    admin = await adminToken();
    await grantsFor(uscc(9101), ['2019', '2020', '2021']);
  });

  it('case 10: a foreign cursor on /v1/applications, /v1/grants and /v1/payments is 400', async () => {
    const byStatus = b64({ PK: 'APP#app_x', SK: 'STATE', statusPk: 'APP#payable', statusSk: '2020-12-15T00:00:00.000Z#app_x' });
    const routes = [
      [listApplicationsHandler, 'GET /v1/applications', a.token],
      [listGrantsHandler, 'GET /v1/grants', a.token],
      [listPaymentsHandler, 'GET /v1/payments', a.token],
      [listPaymentsHandler, 'GET /v1/payments', admin],
    ] as const;
    const seen = [];
    for (const [handler, route, token] of routes) {
      const res = await call(handler, route, { token, query: { cursor: byStatus } });
      seen.push({ route, status: res.status, code: res.body?.error?.code, message: res.body?.error?.message });
    }
    expect(seen).toEqual(routes.map(([, route]) => ({ route, status: 400, code: 'INVALID_INPUT', message: '分页游标无效' })));
  });
});

describe('case 10: feeds', () => {
  let admin: string;
  beforeAll(async () => {
    await freshTable();
    admin = await adminToken();
  });

  it('case 10: duplicate rows in one feed are rejected with their line numbers, never a 500, and nothing is written', async () => {
    const facts = Array.from({ length: 16 }, (_, i) => enterpriseFacts(uscc(9200 + i), 'six')).flat(); // 32 rows: two batches
    const lines = toJsonLines(facts).split('\n');
    lines.splice(29, 0, lines[26]!); // line 30 repeats line 27 (same subject, source and period), in the second batch of 25
    const res = await call(importFactsHandler, 'POST /v1/admin/facts:import', { token: admin, body: { format: 'jsonl', content: lines.join('\n') } });
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 400, code: 'INVALID_INPUT' });
  });
});
