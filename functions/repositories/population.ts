/**
 * The should-be-done population of each policy (issue #16, shared/completion.ts): the latest
 * count of subjects the rules find eligible on a date, and their amounts, one item per policy:
 *   PK `STATS#<policyId>`  SK `POPULATION`   version, asOf, count, amountFen, computedAt, runId
 * (beside the policy's dashboard counters, `SK COUNTERS`). A write replaces the stored one only
 * when it is newer — a later asOf, or the same asOf computed later — so a rerun of the same
 * computation, or an older one finishing late, changes nothing.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Population } from '../../shared/completion';
import type { IsoDate } from '../../shared/facts/dates';
import { db, tableName } from './table';

const populationKey = (policyId: string) => ({ PK: `STATS#${policyId}`, SK: 'POPULATION' });

export interface StoredPopulation extends Population {
  /** the run that computed it (functions/services/population.ts) */
  runId: string;
}

function populationOf(item: Record<string, unknown>): StoredPopulation {
  return {
    policyId: item.policyId as string,
    version: Number(item.version),
    asOf: item.asOf as IsoDate,
    count: Number(item.count),
    amountFen: Number(item.amountFen),
    computedAt: item.computedAt as string,
    runId: item.runId as string,
  };
}

/** Stores a computed population unless the stored one is as new: 'saved' or 'unchanged'. */
export async function savePopulation(p: StoredPopulation): Promise<'saved' | 'unchanged'> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...populationKey(p.policyId), kind: 'population', ...p },
        ConditionExpression:
          'attribute_not_exists(PK) OR asOf < :asOf OR (asOf = :asOf AND computedAt < :at)',
        ExpressionAttributeValues: { ':asOf': p.asOf, ':at': p.computedAt },
      }),
    );
    return 'saved';
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException') return 'unchanged';
    throw e;
  }
}

export async function findPopulation(policyId: string): Promise<StoredPopulation | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: populationKey(policyId) }),
  );
  return Item ? populationOf(Item) : undefined;
}
