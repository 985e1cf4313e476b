/**
 * 好差评 ratings (issue #17): the only code that knows their keys.
 *
 *   PK `RATING#<kind>#<itemId>`  SK `RATING`            the one rating of an item (written once)
 *   PK `RATINGS`                 SK `POLICY#<policyId>`  the policy's tally: { policyId, department,
 *                                                        count, starsTotal }
 *
 * The rating is put under attribute_not_exists(PK) and the tally raised (ADD) in the same
 * transaction: a second rating of the item is refused (DUPLICATE, ALREADY_RATED) and the tally
 * never counts it, whoever races. The dashboard reads one small partition (a row per rated
 * policy) instead of every rating.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { alreadyRated, type RatedKind, type Rating, type RatingTally } from '../../shared/rating';
import type { DepartmentCode } from '../../shared/vocabulary/department';
import { db, queryAll, tableName, transact } from './table';

const key = (kind: RatedKind, itemId: string) => ({ PK: `RATING#${kind}#${itemId}`, SK: 'RATING' });
const TALLY_PK = 'RATINGS';

/** Writes the rating and raises its policy's tally, once (DUPLICATE ALREADY_RATED on a second). */
export async function saveRating(r: Rating): Promise<void> {
  const table = tableName();
  await transact(
    [
      {
        Put: {
          TableName: table,
          Item: { ...key(r.kind, r.itemId), kind: 'rating', rating: r },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Update: {
          TableName: table,
          Key: { PK: TALLY_PK, SK: `POLICY#${r.policyId}` },
          UpdateExpression:
            'SET policyId = :p, department = :d, kind = :k ADD #count :one, starsTotal :s',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: {
            ':p': r.policyId,
            ':d': r.department,
            ':k': 'rating_tally',
            ':one': 1,
            ':s': r.stars,
          },
        },
      },
    ],
    () => alreadyRated(),
  );
}

export async function findRating(kind: RatedKind, itemId: string): Promise<Rating | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(kind, itemId), ConsistentRead: true }),
  );
  return Item ? (Item.rating as Rating) : undefined;
}

/** Every rated policy's tally. */
export async function ratingTallies(): Promise<RatingTally[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': TALLY_PK },
  });
  return items.map((i) => ({
    policyId: String(i.policyId),
    department: i.department as DepartmentCode,
    count: Number(i.count),
    starsTotal: Number(i.starsTotal),
  }));
}
