/**
 * The run shares one in-memory DynamoDB Local: a file's tables must not outlive it, or the
 * engine's heap fills and late files slow down tenfold (measured: case-05-disburse 203 s in
 * the full run, 20 s alone).
 */
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localClient } from '../../../infra/local/bootstrap';
import { dropTables, freshTable } from '../../support/table';

async function tableNames(): Promise<string[]> {
  const client = localClient(process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '');
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start);
  client.destroy();
  return names;
}

it('deletes every table the file created, and only those', async () => {
  const first = await freshTable();
  const second = await freshTable();
  expect(await tableNames()).toEqual(expect.arrayContaining([first, second]));

  const dropped = await dropTables();

  expect(dropped.sort()).toEqual([first, second].sort());
  const left = await tableNames();
  expect(left).not.toContain(first);
  expect(left).not.toContain(second);
  await expect(dropTables()).resolves.toEqual([]);
});
