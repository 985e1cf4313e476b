/**
 * Who opened which material, when (issue 14): one append-only record per opening, in its
 * item's own partition so reading an application never reads its openings.
 *
 *   PK `MATACCESS#<itemKind>#<itemId>`  SK `<at>#<random>` — written once (conditional put),
 *   never updated or deleted
 */
import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../../shared/actor';
import { db, queryAll, tableName } from './table';

export interface MaterialOpening {
  itemKind: 'application';
  itemId: string;
  materialId: string;
  /** the SHA-256 storage held when it was opened (base64), if it was recorded at submit */
  sha256?: string;
  by: Actor;
  at: string;
}

const pkOf = (itemKind: string, itemId: string) => `MATACCESS#${itemKind}#${itemId}`;

export async function recordMaterialOpening(o: MaterialOpening): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        PK: pkOf(o.itemKind, o.itemId),
        SK: `${o.at}#${randomBytes(6).toString('hex')}`,
        kind: 'material_access',
        opening: o,
      },
      ConditionExpression: 'attribute_not_exists(PK)', // append-only
    }),
  );
}

/** Every opening of an item's materials, oldest first (for the audit trail). */
export async function materialOpeningsOf(
  itemKind: MaterialOpening['itemKind'],
  itemId: string,
): Promise<MaterialOpening[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': pkOf(itemKind, itemId) },
  });
  return items.map((i) => i.opening as MaterialOpening);
}
