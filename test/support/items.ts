/**
 * What a test reads back from its table by item kind (every page of a filtered Scan), and a
 * counter of the TransactWriteItems the stores' client sends: test helpers only, the stores
 * never scan.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/repositories/table';

export async function itemsOfKind(kind: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: '#k = :k',
        ExpressionAttributeNames: { '#k': 'kind' },
        ExpressionAttributeValues: { ':k': kind },
        ExclusiveStartKey: startKey,
      }),
    );
    out.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
}

export const countItems = async (kind: string): Promise<number> => (await itemsOfKind(kind)).length;

const COUNTER = 'zhidaTestCountTransactions';

/** Ends the counting `countTransactions` started (an afterEach: a failed test ends it too). */
export const stopCountingTransactions = (): void => {
  db().middlewareStack.remove(COUNTER);
};

/**
 * Counts, from now until `stopCountingTransactions()` or the next call, the TransactWriteItems
 * requests the stores' client sends (each attempt) and its BatchGetItem reads of grant keys.
 */
export function countTransactions(): { sent: number; grantReads: number } {
  const count = { sent: 0, grantReads: 0 };
  db().middlewareStack.add(
    (next) => async (args) => {
      const input = JSON.stringify((args as { input?: unknown }).input ?? {});
      if (input.includes('"TransactItems"')) count.sent++;
      if (input.includes('"Keys"') && input.includes('"GRANT#')) count.grantReads++;
      return next(args);
    },
    { step: 'initialize', name: COUNTER, override: true },
  );
  return count;
}

const RECORDER = 'zhidaTestRecordCommands';

/** Ends the recording `recordCommands` started (an afterEach: a failed test ends it too). */
export const stopRecordingCommands = (): void => {
  db().middlewareStack.remove(RECORDER);
};

/**
 * The commands the stores' client sends from now on, in order: each one's name
 * (`PutItemCommand`, …) and, for a single-item command, its key.
 */
export function recordCommands(): { name: string; key?: string }[] {
  const sent: { name: string; key?: string }[] = [];
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const key = (args as { input?: { Key?: unknown } }).input?.Key;
      sent.push({
        name: String(context.commandName),
        ...(key === undefined ? {} : { key: JSON.stringify(key) }),
      });
      return next(args);
    },
    { step: 'initialize', name: RECORDER, override: true },
  );
  return sent;
}
