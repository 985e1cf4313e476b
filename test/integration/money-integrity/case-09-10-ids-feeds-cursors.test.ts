/**
 * Issue #10, cases 9 and 10, through the real handlers on DynamoDB Local:
 * 9 — subject ids are an HMAC of the official code under SUBJECT_ID_KEY, not an unkeyed
 *     digest anyone can recompute from the masked number shown beside them; local data
 *     keyed another way is rebuilt by npm start;
 * 10 — a feed is validated whole before anything is written (duplicates, check characters,
 *     forbidden letters), an interrupted write is reported and completed by resending; list
 *     cursors are signed and bound to their list: foreign, tampered or unsigned → 400.
 */
import { createHash, createHmac } from 'node:crypto';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { signSession } from '../../support/session';
import { handler as getMeHandler } from '../../../functions/http/get-me/handler';
import { handler as importFactsHandler } from '../../../functions/http/import-facts/handler';
import { handler as listApplicationsHandler } from '../../../functions/http/list-applications/handler';
import { handler as listGrantsHandler } from '../../../functions/http/list-grants/handler';
import { handler as listPaymentsHandler } from '../../../functions/http/list-payments/handler';
import { saveApplication } from '../../../functions/repositories/applications';
import { factsOf } from '../../../functions/repositories/facts';
import { saveGrant } from '../../../functions/repositories/grants';
import {
  deriveSubjectId,
  markIdDerivation,
  putSubject,
  subjectIdDerivation,
  subjectIdOf,
} from '../../../functions/repositories/subjects';
import { db, tableName } from '../../../functions/repositories/table';
import { putUser } from '../../../functions/repositories/users';
import { localClient } from '../../../infra/local/bootstrap';
import { rebuildIfKeyedOtherwise } from '../../../infra/local/id-derivation';
import { policyIdOf } from '../../../shared/auto-grant';
import { instantOf } from '../../../shared/calendar';
import type { ApplicationId, UserId } from '../../../shared/ids';
import { draftApplication } from '../../../shared/lifecycle/application';
import { detectGrant } from '../../../shared/lifecycle/grant';
import { fen } from '../../../shared/money';
import { CSV_HEADER, factToCsvRow } from '../../../shared/schemas/facts-import';
import { idNumberCheckChar } from '../../../shared/subject';
import { call } from '../../support/http';
import { freshTable } from '../../support/table';
import {
  adminToken,
  applicantToken,
  enterpriseFacts,
  PAYEE,
  T_RUN,
  toJsonLines,
  uscc,
} from '../money/support';

jest.setTimeout(180_000);

const KEY = process.env.SUBJECT_ID_KEY!;
/** The derivation before this change: `sub_` + the first 24 hex of an unkeyed SHA-256. */
const unkeyedId = (code: string) =>
  `sub_${createHash('sha256').update(`zhida-subject:${code.toUpperCase()}`).digest('hex').slice(0, 24)}`;
const personCode = (birth: string, seq: string) =>
  `620724${birth}${seq}` + idNumberCheckChar(`620724${birth}${seq}`);

/** Every 居民身份证号 of the county matching a mask `6207**********SSSC` (birth dates 1900–2020, check character consistent). */
function candidatesFor(masked: string): string[] {
  const tail = masked.slice(-4);
  const out: string[] = [];
  for (let d = Date.UTC(1900, 0, 1); d <= Date.UTC(2020, 11, 31); d += 86_400_000) {
    const first17 = `620724${new Date(d).toISOString().slice(0, 10).replace(/-/g, '')}${tail.slice(0, 3)}`;
    if (idNumberCheckChar(first17) === tail.charAt(3)) out.push(first17 + tail.charAt(3));
  }
  return out;
}

describe('case 9: subject ids', () => {
  beforeAll(async () => {
    await freshTable();
  });

  it('case 9: the id is an HMAC of the code under SUBJECT_ID_KEY, not its unkeyed SHA-256, and another key gives another id', () => {
    const code = personCode('19850708', '246');
    const id = subjectIdOf(code);
    expect(id).toBe(
      `sub_${createHmac('sha256', KEY).update(`zhida-subject:${code}`).digest('hex').slice(0, 24)}`,
    );
    expect(id).not.toBe(unkeyedId(code));
    expect(id.slice(4)).not.toContain(createHash('sha256').update(code).digest('hex').slice(0, 16));
    const otherKey = 'another-subject-id-key-another-subject-id-key';
    expect(deriveSubjectId(code, otherKey)).not.toBe(id);
    expect(deriveSubjectId(` ${code.toLowerCase()} `, KEY)).toBe(id); // normalised code
    expect(subjectIdDerivation(otherKey)).not.toBe(subjectIdDerivation(KEY));
    expect(subjectIdDerivation(KEY)).not.toContain(KEY);
  });

  it('case 9: the view shows the masked number beside the id, and the hidden digits cannot be recovered from them without the key', async () => {
    const code = personCode('19850708', '246');
    const subjectId = subjectIdOf(code);
    const userId = 'usr_case09person' as UserId;
    await putSubject({
      id: subjectId,
      kind: 'person',
      name: '李秀英',
      idNumber: code,
      regionCode: '620724',
    });
    await putUser({ id: userId, name: '李秀英', role: 'applicant', subjectId });
    const { token } = await signSession({ kind: 'applicant', userId, subjectId }, new Date());
    const res = await call(getMeHandler, 'GET /v1/me', { token });
    expect(res.status).toBe(200);
    const view = res.body.subject;
    expect(view).toMatchObject({
      id: subjectId,
      kind: 'person',
      code: `6207${'*'.repeat(10)}${code.slice(-4)}`,
    });
    expect(JSON.stringify(res.body)).not.toContain(code);
    expect(JSON.stringify(res.body)).not.toContain(code.slice(4, 14));

    // The attack of the issue: enumerate the hidden digits (county known, any birth date) and compare ids.
    const candidates = candidatesFor(view.code);
    expect(candidates.length).toBeGreaterThan(3_000);
    expect(candidates).toContain(code);
    expect(candidates.filter((c) => unkeyedId(c) === unkeyedId(code))).toEqual([code]); // the old id gave the number away
    expect(candidates.filter((c) => unkeyedId(c) === view.id)).toEqual([]); // the keyed id does not
    expect(
      candidates.filter(
        (c) => deriveSubjectId(c, 'a-guessed-key-a-guessed-key-a-guessed-key') === view.id,
      ),
    ).toEqual([]);
    expect(candidates.filter((c) => deriveSubjectId(c, KEY) === view.id)).toEqual([code]); // only the key holder can
  });

  it('case 9: npm start rebuilds local data written under the unkeyed derivation or another key, and keeps data under its own', async () => {
    const client = localClient(process.env.AWS_ENDPOINT_URL_DYNAMODB!);
    const count = async () =>
      (await db().send(new ScanCommand({ TableName: tableName(), Select: 'COUNT' }))).Count;
    const lines: string[] = [];
    // data of the old version: items, no marker
    await putSubject({
      id: unkeyedId(uscc(9001)) as never,
      kind: 'enterprise',
      name: '旧数据企业',
      uscc: uscc(9001),
    });
    expect(await rebuildIfKeyedOtherwise(client, tableName(), (l) => lines.push(l))).toBe(
      'rebuilt',
    );
    expect(await count()).toBe(0);
    expect(lines.join('\n')).toMatch(/旧版本（未加密钥的 SHA-256 主体编号）.*已清空并重建/);
    // data under another key
    await markIdDerivation(subjectIdDerivation('another-subject-id-key-another-subject-id-key'));
    lines.length = 0;
    expect(await rebuildIfKeyedOtherwise(client, tableName(), (l) => lines.push(l))).toBe(
      'rebuilt',
    );
    expect(lines.join('\n')).toMatch(/另一个 SUBJECT_ID_KEY/);
    // data under this key (what the seed records) stays
    await markIdDerivation();
    await putSubject({
      id: subjectIdOf(uscc(9002)),
      kind: 'enterprise',
      name: '新数据企业',
      uscc: uscc(9002),
    });
    lines.length = 0;
    expect(await rebuildIfKeyedOtherwise(client, tableName(), (l) => lines.push(l))).toBe('kept');
    expect(lines).toEqual([]);
    expect(await count()).toBe(2);
  });
});

describe('case 10: feeds', () => {
  let admin: string;
  const countFacts = async () =>
    (
      await db().send(
        new ScanCommand({
          TableName: tableName(),
          Select: 'COUNT',
          FilterExpression: '#k = :f',
          ExpressionAttributeNames: { '#k': 'kind' },
          ExpressionAttributeValues: { ':f': 'fact' },
        }),
      )
    ).Count;
  beforeAll(async () => {
    await freshTable();
    admin = await adminToken();
  });
  afterEach(() => jest.restoreAllMocks());

  const facts = Array.from({ length: 16 }, (_, i) => enterpriseFacts(uscc(9200 + i), 'six')).flat(); // 32 rows: two batches of BatchWriteItem
  const importFeed = (content: string, format: 'jsonl' | 'csv' = 'jsonl') =>
    call(importFactsHandler, 'POST /v1/admin/facts:import', {
      token: admin,
      body: { format, content, feed: 'case 10' },
    });

  it('case 10: duplicate rows in one feed are rejected with their line numbers, never a 500, and nothing is written', async () => {
    const lines = toJsonLines(facts).split('\n');
    lines.splice(29, 0, lines[26]!); // line 30 repeats line 27, in the second batch of 25 (the old code: 500 after batch 1 was committed)
    lines.push(lines[0]!.replace(uscc(9200), uscc(9200).toLowerCase())); // line 34 repeats line 1, in lower case
    const res = await importFeed(lines.join('\n'));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      details: { reason: 'feed_rejected', rows: 34 },
    });
    expect(res.body.error.message).toMatch(/2 行不合格，整批未导入/);
    expect(res.body.error.details.rejected).toEqual([
      { line: 30, reasons: ['与第 27 行重复（同一主体、来源和期间开始日期 2019-01-01）'] },
      { line: 34, reasons: ['与第 1 行重复（同一主体、来源和期间开始日期 2019-01-01）'] },
    ]);
    expect(await countFacts()).toBe(0);
  });

  it('case 10: rows with a bad 统一社会信用代码 or 居民身份证号 (check character, forbidden letter) are rejected per row; nothing of the feed is written', async () => {
    const good = uscc(9300);
    const badCheck = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const withO = good.slice(0, 10) + 'O' + good.slice(11); // O is not in the USCC charset
    const person = personCode('19900101', '123');
    const badPerson = person.slice(0, 17) + (person.endsWith('0') ? '1' : '0');
    const rows = [
      ...enterpriseFacts(good, 'six'),
      ...enterpriseFacts(badCheck, 'six'),
      ...enterpriseFacts(withO, 'six').slice(0, 1),
      {
        ...enterpriseFacts(good, 'six')[0]!,
        subjectId: badPerson,
        period: { from: '2020-01-01', to: null },
      },
    ];
    const csv = [CSV_HEADER, ...rows.map(factToCsvRow)].join('\n');
    const res = await importFeed(csv, 'csv');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      details: { reason: 'feed_rejected', rows: 6 },
    });
    expect(res.body.error.details.rejected).toEqual([
      {
        line: 4,
        reasons: [expect.stringMatching(/^主体代码：统一社会信用代码校验位错误（应为 .）$/)],
      },
      { line: 5, reasons: [expect.stringMatching(/^主体代码：统一社会信用代码校验位错误/)] },
      { line: 6, reasons: ['主体代码：统一社会信用代码不能含字母 I、O、S、V、Z（含有 O）'] },
      {
        line: 7,
        reasons: [expect.stringMatching(/^主体代码：居民身份证号校验位错误（应为 [0-9X]）$/)],
      },
    ]);
    expect(await countFacts()).toBe(0);
  });

  it('case 10: a write interrupted after the first batch is reported (503, rows written) and resending the same feed completes it once', async () => {
    const content = toJsonLines(facts);
    const client = db();
    const send = client.send.bind(client);
    let batches = 0;
    jest.spyOn(client, 'send').mockImplementation(((command: { constructor: { name: string } }) => {
      if (command.constructor.name === 'BatchWriteCommand' && ++batches === 2)
        return Promise.reject(new Error('ProvisionedThroughputExceededException'));
      return send(command as never);
    }) as never);
    const res = await importFeed(content);
    expect(res.status).toBe(503);
    // a batch of 25 items holds 12 facts: each fact is its current record and its version (issue 14)
    expect(res.body.error).toMatchObject({
      code: 'UNAVAILABLE',
      details: { reason: 'feed_partially_written', written: 12, total: 32 },
    });
    expect(res.body.error.message).toMatch(/已写入 12 \/ 32 行.*原样重新导入/);
    expect(await countFacts()).toBe(12);
    jest.restoreAllMocks();

    const again = await importFeed(content);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ rows: 32, accepted: 32, rejected: [], subjects: 16 });
    expect(await countFacts()).toBe(32);
    expect(await factsOf(subjectIdOf(uscc(9200)))).toEqual(enterpriseFacts(uscc(9200), 'six'));
    const third = await importFeed(content);
    expect(third.status).toBe(200);
    expect(await countFacts()).toBe(32);
  });
});

async function grantsFor(code: string, periods: string[]) {
  for (const period of periods) {
    const t = detectGrant(
      {
        policyId: policyIdOf('hire-local'),
        policyVersion: 1,
        subjectId: subjectIdOf(code),
        period,
        department: 'finance',
        amountFen: fen(100_000),
        capFen: fen(20_000_000),
        publicityDays: 5,
        payee: PAYEE,
      },
      { kind: 'system', job: 'auto-grant' },
      instantOf(T_RUN),
    );
    await saveGrant(t.next, t.events, 'new');
  }
}

async function draftsFor(code: string, n: number) {
  const subjectId = subjectIdOf(code);
  const applicant = { kind: 'applicant' as const, userId: 'usr_case10' as UserId, subjectId };
  for (let i = 0; i < n; i++) {
    const d = draftApplication(
      {
        id: `app_case10${i}` as ApplicationId,
        policyId: policyIdOf('hire-local'),
        policyVersion: 1,
        subjectId,
        department: 'finance',
        terms: {
          capFen: fen(20_000_000),
          reviewLevels: 1,
          publicityDays: 5,
          supplementDays: 10,
          materials: [],
        },
      },
      applicant,
      instantOf(new Date(T_RUN.getTime() + i * 1000)),
    );
    await saveApplication(d.next, d.events, 'new');
  }
}

describe('case 10: cursors', () => {
  let a: { token: string };
  let b: { token: string };
  let admin: string;
  beforeAll(async () => {
    await freshTable();
    a = await applicantToken(uscc(9101));
    b = await applicantToken(uscc(9102));
    admin = await adminToken();
    await grantsFor(uscc(9101), ['2019', '2020', '2021']);
    await grantsFor(uscc(9102), ['2019', '2020']);
    await draftsFor(uscc(9101), 3);
  });

  async function pages(
    handler: typeof listGrantsHandler,
    route: string,
    token: string,
  ): Promise<{ ids: string[]; cursors: string[] }> {
    const ids: string[] = [];
    const cursors: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await call(handler, route, {
        token,
        query: { limit: '1', ...(cursor ? { cursor } : {}) },
      });
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
      if (cursor) cursors.push(cursor);
    } while (cursor && ids.length < 10);
    return { ids, cursors };
  }

  it('case 10: a foreign cursor on /v1/applications, /v1/grants and /v1/payments is 400', async () => {
    // A well-formed LastEvaluatedKey of another index, as the old cursors were (plain base64url JSON): the old code handed it to DynamoDB → 500.
    const byStatus = Buffer.from(
      JSON.stringify({
        PK: 'APP#app_x',
        SK: 'STATE',
        statusPk: 'APP#payable',
        statusSk: '2020-12-15T00:00:00.000Z#app_x',
      }),
    ).toString('base64url');
    const routes = [
      [listApplicationsHandler, 'GET /v1/applications', a.token],
      [listGrantsHandler, 'GET /v1/grants', a.token],
      [listPaymentsHandler, 'GET /v1/payments', a.token],
      [listPaymentsHandler, 'GET /v1/payments', admin],
    ] as const;
    const seen = [];
    for (const [handler, route, token] of routes) {
      const res = await call(handler, route, { token, query: { cursor: byStatus } });
      seen.push({
        route,
        status: res.status,
        code: res.body?.error?.code,
        message: res.body?.error?.message,
      });
    }
    expect(seen).toEqual(
      routes.map(([, route]) => ({
        route,
        status: 400,
        code: 'INVALID_INPUT',
        message: '分页游标无效',
      })),
    );

    // A genuine cursor of one list is foreign to every other list, and to another subject.
    const grantsCursor = (await pages(listGrantsHandler, 'GET /v1/grants', a.token)).cursors[0]!;
    const appsCursor = (await pages(listApplicationsHandler, 'GET /v1/applications', a.token))
      .cursors[0]!;
    const replays = [
      [listApplicationsHandler, 'GET /v1/applications', a.token, grantsCursor],
      [listPaymentsHandler, 'GET /v1/payments', a.token, grantsCursor],
      [listPaymentsHandler, 'GET /v1/payments', admin, grantsCursor],
      [listGrantsHandler, 'GET /v1/grants', a.token, appsCursor],
      [listGrantsHandler, 'GET /v1/grants', b.token, grantsCursor], // subject B replaying A's cursor
      [listApplicationsHandler, 'GET /v1/applications', b.token, appsCursor],
    ] as const;
    for (const [handler, route, token, cursor] of replays) {
      const res = await call(handler, route, { token, query: { cursor } });
      expect({ route, status: res.status, body: res.body }).toEqual({
        route,
        status: 400,
        body: {
          error: {
            code: 'INVALID_INPUT',
            message: '分页游标无效',
            details: { reason: 'bad_cursor' },
          },
        },
      });
    }
  });

  it('case 10: a tampered, truncated or unsigned cursor is 400', async () => {
    const { cursors } = await pages(listGrantsHandler, 'GET /v1/grants', a.token);
    const genuine = cursors[0]!;
    const raw = Buffer.from(genuine, 'base64url');
    const json = raw.subarray(16).toString('utf8');
    const edited = Buffer.from(json.replace('2021', '2019'));
    const forged = [
      Buffer.concat([raw.subarray(0, 16), edited]).toString('base64url'), // key edited, old MAC
      Buffer.from(json).toString('base64url'), // unsigned (the old form of this very cursor)
      genuine.slice(0, -6), // truncated
      genuine.slice(0, 12),
      `${genuine.slice(0, 5)}${genuine.charAt(5) === 'A' ? 'B' : 'A'}${genuine.slice(6)}`, // one character flipped in the MAC
    ];
    for (const cursor of forged) {
      const res = await call(listGrantsHandler, 'GET /v1/grants', {
        token: a.token,
        query: { cursor },
      });
      expect({ status: res.status, code: res.body?.error?.code }).toEqual({
        status: 400,
        code: 'INVALID_INPUT',
      });
    }
  });

  it('case 10: a genuine cursor still pages correctly (grants and applications, one item a page)', async () => {
    const grants = await pages(listGrantsHandler, 'GET /v1/grants', a.token);
    expect(grants.ids).toHaveLength(3);
    expect(new Set(grants.ids).size).toBe(3);
    const apps = await pages(listApplicationsHandler, 'GET /v1/applications', a.token);
    expect(apps.ids).toEqual(['app_case102', 'app_case101', 'app_case100']); // newest first
    const other = await pages(listGrantsHandler, 'GET /v1/grants', b.token);
    expect(other.ids).toHaveLength(2);
    expect(other.ids.some((id) => grants.ids.includes(id))).toBe(false);
    // DynamoDB itself: the subject's partition of the bySubject index holds just these
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'bySubject',
        KeyConditionExpression: 'subjectPk = :p',
        ExpressionAttributeValues: { ':p': `SUBJ#${subjectIdOf(uscc(9101))}` },
      }),
    );
    expect(out.Items?.length).toBe(6);
  });
});
