/** Creates the table (and its TTL) on a local engine from infra/table.json; safe to rerun. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, TTL_ATTRIBUTE } from '../single-table';

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'ap-east-1',
    // DynamoDB Local accepts any credentials; fixed ones keep the SDK from searching for real ones.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
}

export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  /**
   * stream: false creates the table without its stream (test tables that never read it: on
   * DynamoDB Local every stream table created, even one deleted since, slows the writes of the
   * stream tables created after it; see test/support/table.ts).
   */
  o: { stream?: boolean } = {},
): Promise<'created' | 'existed'> {
  const input = createTableInput(tableName);
  if (o.stream === false) delete input.StreamSpecification;
  try {
    await client.send(new CreateTableCommand(input));
  } catch (e) {
    if (e instanceof ResourceInUseException) {
      await addMissingIndexes(client, tableName);
      return 'existed';
    }
    throw e;
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    }),
  );
  await client.send(new DescribeTableCommand({ TableName: tableName }));
  return 'created';
}

/**
 * A table kept in `.data/` from an older version lacks the indexes added since (issue 16's
 * currentFacts): each is created in place (one UpdateTable per index, as DynamoDB requires).
 * Returns the names it added. Items written before an index existed are not in it until
 * rewritten: for currentFacts, `backfillCurrentFacts` (functions/repositories/facts.ts) does
 * that, and `npm start` calls it.
 */
export async function addMissingIndexes(
  client: DynamoDBClient,
  tableName: string,
): Promise<string[]> {
  const want = createTableInput(tableName);
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const have = new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  const missing = (want.GlobalSecondaryIndexes ?? []).filter(
    (g): g is GlobalSecondaryIndex & { IndexName: string } =>
      g.IndexName !== undefined && !have.has(g.IndexName),
  );
  for (const index of missing) {
    const names = new Set(index.KeySchema?.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: want.AttributeDefinitions?.filter((a) => names.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.IndexName,
              KeySchema: index.KeySchema,
              Projection: index.Projection,
            },
          },
        ],
      }),
    );
  }
  return missing.map((g) => g.IndexName);
}
