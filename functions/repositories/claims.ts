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
 *
 * A claim may carry the 免申即享 grant that holds it (`derive: 'grant'`, `grant`, `runId`):
 * on AWS an auto-grant run writes only that claim, and the table's stream writes the grant
 * from it (functions/services/grant-derive.ts), then takes the copy off (`dropCarriedGrant`).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../shared/errors';
import { endsWithoutPaying, type ClaimHolderKind } from '../../shared/entitlement';
import type { GrantId, PolicyId, SubjectId } from '../../shared/ids';
import type { Grant } from '../../shared/lifecycle/grant';
import { batchGetChunks, db, tableName, transact, type RawItem, type TransactItem } from './table';

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

/** A new grant the claim carries until the stream has written it (issue 16), with its run. */
export type CarriedGrant = { readonly grant: Grant; readonly runId: string };

/**
 * The transaction item that takes the claim for `holder`; fails with ALREADY_CLAIMED if it is
 * held. With `carried`, the claim also carries the grant that holds it, for the stream.
 */
export function claimItem(
  ref: ClaimRef,
  holder: ClaimHolder,
  at: string,
  carried?: CarriedGrant,
): ClaimWrite {
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
          ...(carried ? { derive: 'grant', grant: carried.grant, runId: carried.runId } : {}),
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

/**
 * Takes these claims in one transaction, all or none, each on its own condition. One claim
 * fails with its own error (ALREADY_CLAIMED, naming the holder); a group that any condition
 * cancels fails with DUPLICATE, reason GROUP_CANCELLED, and the caller takes them one by one.
 */
export async function takeClaims(writes: readonly ClaimWrite[]): Promise<void> {
  if (writes.length > 100)
    throw new Error(`${String(writes.length)} items: more than a transaction holds`);
  await transact(
    writes.map((w) => w.item),
    (index, old) =>
      writes.length === 1 && writes[0]
        ? writes[0].onConditionFailed(old)
        : new DomainError('DUPLICATE', '批量写入中有记录已存在', {
            reason: 'GROUP_CANCELLED',
            item: index,
          }),
  );
}

/** A claim as found by `findClaims`: with the run of a grant it carries or carried. */
export type FoundClaim = Claim & { readonly runId?: string };

/** These claims as they stand (consistent reads, one BatchGetItem per 100), in the order asked. */
export async function findClaims(refs: readonly ClaimRef[]): Promise<(FoundClaim | undefined)[]> {
  const items = await batchGetChunks(refs.map(claimKey), {
    projection: 'PK, SK, holderKind, holderId, claimedAt, runId',
    consistentRead: true,
  });
  const byKey = new Map(items.map((i) => [`${String(i.PK)}\u0000${String(i.SK)}`, i]));
  return refs.map((ref) => {
    const k = claimKey(ref);
    const item = byKey.get(`${k.PK}\u0000${k.SK}`);
    if (!item) return undefined;
    return {
      ...ref,
      holder: { kind: item.holderKind as ClaimHolderKind, id: item.holderId as string },
      claimedAt: item.claimedAt as string,
      ...(typeof item.runId === 'string' ? { runId: item.runId } : {}),
    };
  });
}

/**
 * Takes the carried copy off a claim once the stream has written its grant: only from a claim
 * its grant still holds and that still carries it (otherwise there is nothing to take off).
 */
export async function dropCarriedGrant(ref: ClaimRef, grantId: GrantId): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: claimKey(ref),
        UpdateExpression: 'REMOVE #d, #g',
        ConditionExpression: 'holderId = :h AND attribute_exists(#g)',
        ExpressionAttributeNames: { '#d': 'derive', '#g': 'grant' },
        ExpressionAttributeValues: { ':h': grantId },
      }),
    );
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
}
