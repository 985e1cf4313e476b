import type { PolicyId, SubjectId } from '../../shared/ids';
import {
  claimItem,
  claimReleaseOnEnd,
  releaseClaimItem,
  statusBefore,
  type ClaimHolding,
} from './claims';

process.env.TABLE_NAME = 'zhida-unit';

const ref = {
  policyId: 'pol_hire-local' as PolicyId,
  subjectId: 'sub_000001' as SubjectId,
  period: 'once',
};
const holding = (status: string, claimPeriod: string | null = 'once'): ClaimHolding => ({
  id: 'app_000001',
  policyId: ref.policyId,
  subjectId: ref.subjectId,
  status,
  ...(claimPeriod === null ? {} : { claimPeriod }),
});

describe('claim items', () => {
  it('a claim is taken only where none is, and names its holder', () => {
    const w = claimItem(ref, { kind: 'application', id: 'app_000001' }, '2026-03-02T01:00:00.000Z');
    expect(w.item.Put).toMatchObject({
      TableName: 'zhida-unit',
      Item: {
        PK: 'CLAIM#pol_hire-local#sub_000001',
        SK: 'once',
        holderKind: 'application',
        holderId: 'app_000001',
      },
      ConditionExpression: 'attribute_not_exists(PK)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('a refused claim is 409 DUPLICATE ALREADY_CLAIMED naming what holds it', () => {
    const w = claimItem(ref, { kind: 'application', id: 'app_000002' }, '2026-03-02T01:00:00.000Z');
    const e = w.onConditionFailed({ holderKind: { S: 'grant' }, holderId: { S: 'grt_000001' } });
    expect(e).toMatchObject({
      code: 'DUPLICATE',
      details: {
        reason: 'ALREADY_CLAIMED',
        holderKind: 'grant',
        holderId: 'grt_000001',
        period: 'once',
      },
    });
    expect(w.onConditionFailed()).toMatchObject({
      code: 'DUPLICATE',
      details: { reason: 'ALREADY_CLAIMED' },
    });
  });

  it('a release deletes only the holder’s own claim', () => {
    const w = releaseClaimItem(ref, { kind: 'grant', id: 'grt_000001' });
    expect(w.item.Delete).toMatchObject({
      Key: { PK: 'CLAIM#pol_hire-local#sub_000001', SK: 'once' },
      ConditionExpression: 'attribute_not_exists(PK) OR holderId = :holder',
      ExpressionAttributeValues: { ':holder': 'grt_000001' },
    });
    expect(w.onConditionFailed()).toMatchObject({
      code: 'WRONG_STATE',
      details: { reason: 'CLAIM_HELD_BY_OTHER' },
    });
  });
});

describe('claimReleaseOnEnd', () => {
  it('releases when a transition ends the item without paying', () => {
    for (const [prev, next] of [
      ['review_l1', 'rejected'],
      ['submitted', 'withdrawn'],
      ['payment_failed', 'cancelled'],
      ['publicity', 'rejected'],
    ]) {
      const [w] = claimReleaseOnEnd('application', prev, holding(next!));
      expect(w?.item.Delete?.Key).toEqual({ PK: 'CLAIM#pol_hire-local#sub_000001', SK: 'once' });
    }
    expect(
      claimReleaseOnEnd('grant', 'publicity', { ...holding('cancelled'), id: 'grt_000001' }),
    ).toHaveLength(1);
  });

  it('keeps the claim when paid, still open, without a move, or on items made before claims', () => {
    expect(claimReleaseOnEnd('application', 'paying', holding('paid'))).toEqual([]);
    expect(claimReleaseOnEnd('application', 'submitted', holding('review_l1'))).toEqual([]);
    expect(claimReleaseOnEnd('application', undefined, holding('rejected'))).toEqual([]);
    expect(claimReleaseOnEnd('application', 'review_l1', holding('rejected', null))).toEqual([]);
  });

  it('is never added twice when the caller already releases the same claim', () => {
    const own = releaseClaimItem(ref, { kind: 'application', id: 'app_000001' });
    expect(claimReleaseOnEnd('application', 'review_l1', holding('rejected'), [own])).toEqual([]);
  });
});

describe('statusBefore', () => {
  it('is the first status change’s origin', () => {
    expect(
      statusBefore([
        { type: 'ReviewStarted', from: 'submitted', to: 'review_l1' },
        { type: 'ApplicationDecided', from: 'review_l1', to: 'rejected' },
      ]),
    ).toBe('submitted');
    expect(
      statusBefore([
        { type: 'ObjectionResolved' },
        { type: 'ApplicationRejected', from: 'publicity', to: 'rejected' },
      ]),
    ).toBe('publicity');
    expect(statusBefore([{ type: 'ApplicationDrafted', from: null, to: 'draft' }])).toBeUndefined();
    expect(statusBefore([{ type: 'ObjectionRaised' }])).toBeUndefined();
  });
});
