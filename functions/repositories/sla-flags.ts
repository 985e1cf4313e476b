/**
 * SLA breach flags of the daily watch: PK `SLA#<day>`, SK `APP#<applicationId>`; one Query
 * lists a day's breaches. Deterministic keys: a rerun rewrites the same records. TTL 90 days.
 */
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DepartmentCode } from '../../shared/actor';
import { db, tableName } from './table';

export interface SlaFlag {
  applicationId: string;
  department: DepartmentCode;
  status: string;
  dueOn: string;
  overdueBy: number;
}

const TTL_SECONDS = 90 * 24 * 3600;

export async function putSlaFlags(day: string, flags: readonly SlaFlag[]): Promise<void> {
  const expiresAt = Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + TTL_SECONDS;
  for (let i = 0; i < flags.length; i += 25) {
    let requests = flags.slice(i, i + 25).map((f) => ({
      PutRequest: {
        Item: {
          PK: `SLA#${day}`,
          SK: `APP#${f.applicationId}`,
          kind: 'sla-flag',
          flag: f,
          expiresAt,
        },
      },
    }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      const out = await db().send(
        new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }),
      );
      requests = (out.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
      if (requests.length > 0)
        await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
    }
  }
}

export async function slaFlagsOf(day: string): Promise<SlaFlag[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `SLA#${day}` },
    }),
  );
  return (out.Items ?? []).map((i) => i.flag as SlaFlag);
}
