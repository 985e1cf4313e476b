import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { recordedIdDerivation, subjectIdDerivation } from '../../functions/repositories/subjects';
import { ensureTable } from './bootstrap';

/**
 * Subject ids are an HMAC of the official code under SUBJECT_ID_KEY (functions/repositories/
 * subjects.ts). Data written under another derivation — the unkeyed SHA-256 of older
 * versions (no marker) or another key — names every subject, grant and claim by ids this
 * stack would never compute again. Local data is demo data, so the table is rebuilt and
 * reseeded rather than migrated; the message says so. Runs with the stack's environment.
 */
export async function rebuildIfKeyedOtherwise(
  client: DynamoDBClient,
  tableName: string,
  log: (l: string) => void,
): Promise<'kept' | 'rebuilt'> {
  const recorded = await recordedIdDerivation();
  const current = subjectIdDerivation();
  if (recorded === current) return 'kept';
  const why =
    recorded === undefined ? '旧版本（未加密钥的 SHA-256 主体编号）' : '另一个 SUBJECT_ID_KEY';
  const message = [
    `本地数据（.data/ 中的表 ${tableName}）是用${why}写入的，与当前的主体编号密钥不符：已清空并重建该表，演示数据将重新写入。`,
    `Local data in table ${tableName} was written under another subject-id derivation (${recorded ?? 'unkeyed SHA-256'}, now ${current}): the table is rebuilt and reseeded.`,
  ];
  message.forEach((line) => log(line));
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  await ensureTable(client, tableName);
  return 'rebuilt';
}
