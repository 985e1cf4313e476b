/**
 * Issue 16: a run's parallel Scan reads the sparse currentFacts index — the current fact
 * records only, never their FACTV version records (which share the subject's partition and
 * doubled the run's reads) nor any other item of the table. A table kept from before the
 * index gets it in place, and its old facts are put into it by the backfill.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { marketRegistry, employerInsurance, employee } from '../../../shared/facts/examples';
import type { Fact } from '../../../shared/facts';
import {
  backfillCurrentFacts,
  CURRENT_FACTS_INDEX,
  factItem,
  indexedFactsCount,
  putFacts,
  SCAN_PAGE_FACTS,
  scanSubjects,
  type ScanCursor,
  type SubjectFacts,
} from '../../../functions/repositories/facts';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { db, tableName } from '../../../functions/repositories/table';
import { ensureTable, localClient } from '../../../infra/local/bootstrap';
import { createTableInput } from '../../../infra/single-table';
import { freshTable } from '../../support/table';

beforeAll(freshTable);

const code = (n: number) => `91620724MA${String(n).padStart(6, '0')}0A`;

function factsFor(n: number, employees = 1): Fact[] {
  return [
    marketRegistry({ name: `企业${String(n)}` }, code(n)),
    employerInsurance(
      {
        employees: Array.from({ length: employees }, (_, i) =>
          employee({ personId: `P-${String(n)}-${String(i)}` }),
        ),
      },
      code(n),
    ),
  ];
}

async function scanAll(totalSegments: number, limit: number): Promise<SubjectFacts[]> {
  const out: SubjectFacts[] = [];
  for (let segment = 0; segment < totalSegments; segment++) {
    let cursor: ScanCursor | undefined;
    do {
      const page = await scanSubjects({ segment, totalSegments, cursor, limit });
      out.push(...page.subjects);
      cursor = page.next;
    } while (cursor);
  }
  return out;
}

const endpoint = () => process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '';

describe('the currentFacts index', () => {
  it('holds the current facts only: a corrected feed adds a version record, the index still has one record per fact', async () => {
    await putFacts(factsFor(1, 1));
    await putFacts(factsFor(1, 3)); // the corrected feed: a second version of the insurance fact
    const raw = localClient(endpoint());
    const index = await raw.send(
      new ScanCommand({ TableName: tableName(), IndexName: CURRENT_FACTS_INDEX }),
    );
    expect(index.Items).toHaveLength(2);
    const table = await raw.send(new ScanCommand({ TableName: tableName() }));
    const versions = (table.Items ?? []).filter((i) => i.kind?.S === 'fact_version');
    expect(versions).toHaveLength(3); // market registry once, social insurance twice
    const [subject, ...others] = await scanAll(2, 500);
    expect(others).toEqual([]);
    expect(subject?.subjectId).toBe(subjectIdOf(code(1)));
    const insurance = subject?.facts.find((f) => f.source === 'social_insurance');
    expect(insurance?.values).toMatchObject({ role: 'employer' });
    expect((insurance?.values as { employees: unknown[] }).employees).toHaveLength(3);
  });

  it('a parallel scan of the index returns every subject once with all its current facts, whatever the page size', async () => {
    const n = 40;
    await putFacts(Array.from({ length: n }, (_, i) => factsFor(100 + i)).flat());
    // corrections of half of them: more version records beside the same current ones
    await putFacts(Array.from({ length: n / 2 }, (_, i) => factsFor(100 + i, 2)).flat());
    const seen = new Map<string, number>();
    for (const s of await scanAll(3, 3)) {
      expect(s.facts).toHaveLength(2);
      seen.set(s.subjectId, (seen.get(s.subjectId) ?? 0) + 1);
    }
    expect(seen.size).toBe(n + 1); // + the subject of the first test
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
  });

  it('facts written before the index existed are put into it by the backfill, once', async () => {
    const old = factsFor(900);
    for (const f of old) {
      const { factPk: _pk, factSk: _sk, ...item } = factItem(f); // as an older version wrote it
      await db().send(new PutCommand({ TableName: tableName(), Item: item }));
    }
    const before = await scanAll(1, 500);
    expect(before.some((s) => s.subjectId === subjectIdOf(code(900)))).toBe(false);
    expect(await backfillCurrentFacts()).toBe(2);
    const after = await scanAll(1, 500);
    expect(after.find((s) => s.subjectId === subjectIdOf(code(900)))?.facts).toHaveLength(2);
    expect(await backfillCurrentFacts()).toBe(0);
  });

  it('counts the current facts only, as a run sizes its segments by them', async () => {
    const raw = localClient(endpoint());
    const scanned = async () => {
      let n = 0;
      let start: Record<string, AttributeValue> | undefined;
      do {
        const out = await raw.send(
          new ScanCommand({
            TableName: tableName(),
            IndexName: CURRENT_FACTS_INDEX,
            Select: 'COUNT',
            ExclusiveStartKey: start,
          }),
        );
        n += out.Count ?? 0;
        start = out.LastEvaluatedKey;
      } while (start);
      return n;
    };
    const before = await indexedFactsCount();
    expect(before).toBe(await scanned());
    await putFacts(factsFor(950, 2)); // two current facts, two version records
    await putFacts(factsFor(950, 3)); // a correction: one more version, no more current facts
    expect(await indexedFactsCount()).toBe((before ?? 0) + 2);
  });

  it('a page asks for SCAN_PAGE_FACTS facts unless told otherwise: 2,000, not 500', async () => {
    // DynamoDB Local's cost per page grows with the index (see SCAN_PAGE_FACTS): fewer, fuller pages
    expect(SCAN_PAGE_FACTS).toBe(2000);
    for (let n = 2000; n < 2400; n += 50)
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => putFacts(factsFor(n + i))), // 800 more facts
      );
    const page = await scanSubjects({ segment: 0, totalSegments: 1 });
    const facts = page.subjects.reduce((sum, s) => sum + s.facts.length, 0);
    expect(facts).toBeGreaterThan(800); // every fact of the table, not a page of 500
    expect(page.next).toBeUndefined();
  });

  it('bootstrap adds the index to a table created before it', async () => {
    const client = localClient(endpoint());
    const name = `old-${randomUUID().slice(0, 8)}`;
    const input = createTableInput(name);
    await client.send(
      new CreateTableCommand({
        ...input,
        GlobalSecondaryIndexes: input.GlobalSecondaryIndexes?.filter(
          (g) => g.IndexName !== CURRENT_FACTS_INDEX,
        ),
        AttributeDefinitions: input.AttributeDefinitions?.filter(
          (a) => a.AttributeName !== 'factPk' && a.AttributeName !== 'factSk',
        ),
      }),
    );
    expect(await ensureTable(client, name)).toBe('existed');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName)).toContain(
      CURRENT_FACTS_INDEX,
    );
    expect(await ensureTable(client, name)).toBe('existed'); // and again: nothing to add
  });
});
