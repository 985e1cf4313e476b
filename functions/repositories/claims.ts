/**
 * Entitlement claims: the only code that knows their keys (issue #10, cases 1, 3, 4).
 *
 *   PK `CLAIM#<policyId>#<subjectId>`  SK `<period>`   holderKind, holderId, claimedAt
 *
 * One item per (policy, subject, benefit period) (shared/entitlement.ts), written with
 * attribute_not_exists in the same transaction that creates the application or the grant
 * that holds it: of two racing applications, or an application and a 免申即享 grant, for
 * the same benefit exactly one commits. The holder deletes it, conditioned on being the
 * holder, in the same transaction that ends it without paying (rejected, withdrawn,
 * cancelled); a paid holder keeps it forever, so a one-off benefit is paid once.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../shared/errors';
import { endsWithoutPaying, type ClaimHolderKind } from '../../shared/entitlement';
import type { PolicyId, SubjectId } from '../../shared/ids';
import { db, tableName, type RawItem, type TransactItem } from './table';

export type ClaimRef = {
  readonly policyId: PolicyId;
  readonly subjectId: SubjectId;
  readonly period: string;
};
export type ClaimHolder = { readonly kind: ClaimHolderKind; readonly id: string };
export type Claim = ClaimRef & { readonly holder: ClaimHolder; readonly claimedAt: string };
export type ClaimWrite = { item: TransactItem; onConditionFailed: (old?: RawItem) => DomainError };

const PREFIX = 'CLAIM#';
const claimKey = (r: ClaimRef) => ({ PK: `${PREFIX}${r.policyId}#${r.subjectId}`, SK: r.period });
const sameKey = (a: { PK?: unknown; SK?: unknown } | undefined, b: { PK: string; SK: string }) =>
  a?.PK === b.PK && a.SK === b.SK;

/** 409 DUPLICATE, reason ALREADY_CLAIMED, naming what holds the benefit (an application or a 免申即享 grant). */
export function alreadyClaimed(ref: ClaimRef, holderKind?: string, holderId?: string): DomainError {
  const message =
    holderKind === 'grant'
      ? '该政策待遇已通过“免申即享”发放，无需重复申请'
      : '该政策待遇已申请或已享受，不能重复申请';
  return new DomainError('DUPLICATE', message, {
    reason: 'ALREADY_CLAIMED',
    period: ref.period,
    ...(holderKind ? { holderKind } : {}),
    ...(holderId ? { holderId } : {}),
  });
}

/** The transaction item that takes the claim for `holder`; fails with ALREADY_CLAIMED if it is held. */
export function claimItem(ref: ClaimRef, holder: ClaimHolder, at: string): ClaimWrite {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...claimKey(ref),
          kind: 'claim',
          policyId: ref.policyId,
          subjectId: ref.subjectId,
          period: ref.period,
          holderKind: holder.kind,
          holderId: holder.id,
          claimedAt: at,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    onConditionFailed: (old) => alreadyClaimed(ref, old?.holderKind?.S, old?.holderId?.S),
  };
}

/**
 * The transaction item that gives the claim back: deleted only by its holder (a claim that
 * is already gone is fine; one held by another item is never touched, and the save fails).
 */
export function releaseClaimItem(ref: ClaimRef, holder: ClaimHolder): ClaimWrite {
  return {
    item: {
      Delete: {
        TableName: tableName(),
        Key: claimKey(ref),
        ConditionExpression: 'attribute_not_exists(PK) OR holderId = :holder',
        ExpressionAttributeValues: { ':holder': holder.id },
      },
    },
    onConditionFailed: () =>
      new DomainError('WRONG_STATE', '该待遇的占用记录属于其他办理事项，不能释放', {
        reason: 'CLAIM_HELD_BY_OTHER',
        period: ref.period,
      }),
  };
}

/** What a claim-holding item looks like to this module: applications and grants alike. */
export type ClaimHolding = {
  readonly id: string;
  readonly policyId: PolicyId;
  readonly subjectId: SubjectId;
  readonly status: string;
  /** absent on items created before claims existed: they hold none, release none */
  readonly claimPeriod?: string;
};

/**
 * The release item for a save that moves `next` from `prevStatus` into a status that ends it
 * without paying (shared/entitlement `endsWithoutPaying`), or none. saveApplication and
 * saveGrant call it on every save, so every path that rejects, withdraws or cancels — and an
 * operator command that saves through them — gives the claim back in the same transaction.
 * Writes already in `alongside` are looked at so the release is never added twice.
 */
export function claimReleaseOnEnd(
  kind: ClaimHolderKind,
  prevStatus: string | undefined,
  next: ClaimHolding,
  alongside: readonly { item: TransactItem }[] = [],
): ClaimWrite[] {
  if (next.claimPeriod === undefined || !endsWithoutPaying(kind, prevStatus, next.status))
    return [];
  const ref = { policyId: next.policyId, subjectId: next.subjectId, period: next.claimPeriod };
  const key = claimKey(ref);
  if (alongside.some((w) => sameKey(w.item.Delete?.Key, key) || sameKey(w.item.Put?.Item, key)))
    return [];
  return [releaseClaimItem(ref, { kind, id: next.id })];
}

/** The status an item had before these events: the first status change's `from`. */
export function statusBefore(events: readonly object[]): string | undefined {
  for (const e of events) {
    if ('from' in e && 'to' in e) return (e.from as string | null) ?? undefined;
  }
  return undefined;
}

/** The claim as it stands (consistent read), or undefined when the benefit is free. */
export async function findClaim(ref: ClaimRef): Promise<Claim | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: claimKey(ref), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  return {
    policyId: Item.policyId as PolicyId,
    subjectId: Item.subjectId as SubjectId,
    period: Item.period as string,
    holder: { kind: Item.holderKind as ClaimHolderKind, id: Item.holderId as string },
    claimedAt: Item.claimedAt as string,
  };
}
