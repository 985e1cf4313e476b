/**
 * Issue 14 and 16: a fact written before version records existed gets its version when an
 * application freezes it (import id `before-history`), and a fact that has one keeps the
 * import it came from. The submission learns which versions exist from the one Query that
 * reads the facts: when every used fact has its version it writes none (issue 16: the POST
 * sent one conditional PutItem per used fact even when the import had written its version),
 * and it reads no record twice.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { handler as getApplication } from '../../../functions/http/get-application/handler';
import { factHistoryOf, factVersionItem } from '../../../functions/repositories/facts';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { db, tableName } from '../../../functions/repositories/table';
import { DEMO_CODES } from '../../../infra/local/demo-data';
import { call } from '../../support/http';
import { recordCommands, stopRecordingCommands } from '../../support/items';
import { apply, demoCounty, STARTUP_ALL_BUT_OPTIONAL, type DemoUser } from '../apply/setup';

let tokens: Record<DemoUser, string>;

beforeEach(async () => {
  tokens = await demoCounty();
});
afterEach(stopRecordingCommands);

const subjectId = subjectIdOf(DEMO_CODES.graduate);

it('a fact without a version record gets one at submission; a fact with one keeps its import', async () => {
  const seeded = await factHistoryOf(subjectId);
  const employment = seeded.find((v) => v.fact.source === 'employment_registry');
  if (!employment) throw new Error('the demo seed has 王小明’s employment record');
  // as if the employment fact had been written before versions were kept
  // the repository names the version record's key; the test does not spell it again
  const { PK, SK } = factVersionItem(employment.fact, employment);
  await db().send(new DeleteCommand({ TableName: tableName(), Key: { PK, SK } }));
  expect((await factHistoryOf(subjectId)).map((v) => v.fact.source)).not.toContain(
    'employment_registry',
  );

  const { id } = await apply(tokens.wangxm01, 'startup-grant', STARTUP_ALL_BUT_OPTIONAL);

  const history = await factHistoryOf(subjectId);
  const restored = history.find((v) => v.fact.source === 'employment_registry');
  expect(restored).toMatchObject({ digest: employment.digest, importId: 'before-history' });
  for (const v of history.filter((h) => h.fact.source !== 'employment_registry'))
    expect(v.importId).toBe(seeded.find((s) => s.digest === v.digest)?.importId);
  const detail = await call(getApplication, 'GET /v1/applications/{id}', {
    token: tokens.hrssl1,
    params: { id },
  });
  expect(detail.status).toBe(200);
  expect(detail.body.frozenFacts).toMatchObject({ intact: true });
  expect(
    (detail.body.frozenFacts.facts as { source: string; importId: string }[]).find(
      (f) => f.source === 'employment_registry',
    )?.importId,
  ).toBe('before-history');
});

it('a submission whose facts all have their versions writes no version record and reads no record twice', async () => {
  const sent = recordCommands();
  const { id } = await apply(tokens.wangxm01, 'startup-grant', STARTUP_ALL_BUT_OPTIONAL);
  stopRecordingCommands();
  const names = sent.map((c) => c.name);
  expect(names).toContain('TransactWriteItemsCommand');
  expect(names).not.toContain('PutItemCommand');
  // the subject's profile was read twice: by the submission and by the reply's view of it
  const keys = sent.flatMap((c) => (c.key === undefined ? [] : [c.key]));
  expect(keys).toContainEqual(expect.stringContaining('PROFILE'));
  expect(new Set(keys).size).toBe(keys.length);
  const detail = await call(getApplication, 'GET /v1/applications/{id}', {
    token: tokens.hrssl1,
    params: { id },
  });
  expect(detail.body.frozenFacts).toMatchObject({ intact: true });
});
