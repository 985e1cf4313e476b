/**
 * 支付批次 (finance sign-off, issue #10; contract: shared/schemas/payment-batch.ts).
 *
 * A policy with `financeSignoff` pays an item only once the item is in a batch approved by a
 * 财政局 level-2 reviewer who decided none of its items. Disburse asks `signoffGate` before it
 * starts a payment: an item of such a policy that is in no approved batch is parked out of
 * the due index (repositories/payment-batches.ts), so it never stands in front of others;
 * the approval puts the batch's parked items back, and the next disburse pays them.
 */
import type { Actor } from '../../shared/actor';
import { instantOf } from '../../shared/calendar';
import { notFound } from '../../shared/errors';
import type { ApplicationId, PaymentBatchId, PolicyId, UserId } from '../../shared/ids';
import { requireAdmin } from '../../shared/lifecycle/guards';
import {
  approveBatch,
  batchItemOf,
  isBatchable,
  canDecide,
  createBatch,
  MAX_BATCH_ITEMS,
  nothingToBatch,
  PAYMENT_BATCH_STATUS_LABELS,
  rejectBatch,
  requireBatchReader,
  requireFinanceL2,
  requireSignoffPolicy,
  requiresSignoff,
  type BatchItem,
  type PaymentBatch,
} from '../../shared/lifecycle/payment-batch';
import type { PolicyCatalogue, PolicyVersion } from '../../shared/policies';
import { policyCatalogue } from './catalogue';
import type { PayableKind } from '../../shared/payment';
import type {
  ApprovePaymentBatchBody,
  CreatePaymentBatchBody,
  PaymentBatchDetail,
  PaymentBatchPage,
  PaymentBatchStatus,
  PaymentBatchSummary,
  RejectPaymentBatchBody,
} from '../../shared/schemas/payment-batch';
import { newId } from '../_lib/new-id';
import { logger } from '../_lib/logger';
import { listApplicationsByPolicies, loadApplication } from '../repositories/applications';
import { payableGrantIdsOfPolicy } from '../repositories/grants';
import {
  createBatchRecord,
  getBatch,
  listBatches,
  listReleasingBatches,
  markReleased,
  memberRef,
  membershipOf,
  membershipsOf,
  parkForSignoff,
  saveBatchDecision,
  unpark,
} from '../repositories/payment-batches';
import { ADAPTERS, type PayableView } from './payables';
import { catalogueIdOf, policyRef } from './policy-ref';
import { mapLimit, withRetry } from './retry';

/** Whether payments of this (stored) policy id need a 支付批次. */
export function needsSignoff(catalogue: PolicyCatalogue, policyId: PolicyId): boolean {
  return requiresSignoff(catalogue.find(catalogueIdOf(policyId)));
}

/**
 * Disburse's question before it starts a payment of `v`: 'go' (no sign-off needed, or the
 * item is in an approved batch), else the item is parked out of the due index ('parked'),
 * or it moved meanwhile ('raced': looked at again when it is due again).
 */
export async function signoffGate(v: PayableView): Promise<'go' | 'parked' | 'raced'> {
  if (!needsSignoff(await policyCatalogue(), v.policyId)) return 'go';
  const m = await membershipOf(v.kind, v.id);
  if (m?.approved) return 'go';
  return (await parkForSignoff(v.kind, v.id, v.version, v.policyId)) ? 'parked' : 'raced';
}

/** Approved batches whose parked items are not all back in the due index yet (a crash after an approval): finish them. */
export async function finishReleases(): Promise<number> {
  const batches = await listReleasingBatches();
  for (const b of batches) await release(b);
  return batches.length;
}

async function release(b: PaymentBatch): Promise<void> {
  await mapLimit(b.items, 8, (i) => unpark(i.kind, i.id, b.policyId));
  await markReleased(b);
}

/** The users who decided an application (level 1 and final): none of them may approve its batch. */
async function decidersOf(kind: PayableKind, id: string): Promise<UserId[]> {
  if (kind !== 'application') return [];
  const { application, events } = await loadApplication(id as ApplicationId);
  const users = new Set<UserId>();
  if (application.l1DecidedBy) users.add(application.l1DecidedBy);
  for (const e of events)
    if (e.type === 'ApplicationDecided' && 'userId' in e.by) users.add(e.by.userId);
  return [...users];
}

/** The policy's payable items with an account, in no batch, oldest application first, at most MAX_BATCH_ITEMS. */
async function candidates(policy: PolicyVersion): Promise<BatchItem[]> {
  const ref = policyRef(policy.id);
  const refs: { kind: PayableKind; id: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await listApplicationsByPolicies([ref], { status: 'payable', cursor, limit: 100 });
    refs.push(...page.items.map((a) => ({ kind: 'application' as const, id: a.id })));
    cursor = page.nextCursor;
  } while (cursor);
  refs.reverse(); // the index lists newest first; batch the oldest first
  refs.push(...(await payableGrantIdsOfPolicy(ref)).map((id) => ({ kind: 'grant' as const, id })));
  const taken = await membershipsOf(refs);
  const free = refs.filter((r) => !taken.has(memberRef(r.kind, r.id)));
  const out: BatchItem[] = [];
  for (let i = 0; i < free.length && out.length < MAX_BATCH_ITEMS; i += MAX_BATCH_ITEMS) {
    const views = await mapLimit(free.slice(i, i + MAX_BATCH_ITEMS), 8, async (r) => {
      const v = await ADAPTERS[r.kind].load(r.id);
      if (!v?.part) return undefined;
      const line = {
        kind: r.kind,
        id: r.id,
        amountFen: v.amountFen,
        status: v.part.status,
        payee: v.payee,
      };
      return isBatchable(line)
        ? batchItemOf(line, policy.subjectKind, await decidersOf(r.kind, r.id))
        : undefined;
    });
    out.push(...views.filter((x): x is BatchItem => x !== undefined));
  }
  return out.slice(0, MAX_BATCH_ITEMS);
}

export function summaryView(catalogue: PolicyCatalogue, b: PaymentBatch): PaymentBatchSummary {
  return {
    id: b.id,
    policyId: catalogueIdOf(b.policyId),
    policyTitle: catalogue.find(catalogueIdOf(b.policyId))?.title ?? catalogueIdOf(b.policyId),
    status: b.status,
    statusLabel: PAYMENT_BATCH_STATUS_LABELS[b.status],
    itemCount: b.items.length,
    totalFen: b.totalFen,
    createdAt: b.createdAt,
    ...(b.decidedAt ? { decidedAt: b.decidedAt } : {}),
    ...(b.decisionNote ? { decisionNote: b.decisionNote } : {}),
    version: b.version,
  };
}

export function detailView(
  catalogue: PolicyCatalogue,
  b: PaymentBatch,
  actor: Actor,
): PaymentBatchDetail {
  return {
    ...summaryView(catalogue, b),
    // the deciders stay inside: the view shows the item, its masked payee and amount
    items: b.items.map((i) => ({
      kind: i.kind,
      id: i.id,
      payeeName: i.payeeName,
      accountMasked: i.accountMasked,
      bankName: i.bankName,
      amountFen: i.amountFen,
    })),
    ...(actor.kind === 'reviewer' ? { canDecide: canDecide(b, actor) } : {}),
  };
}

/** POST /v1/admin/payment-batches: every payable item of the policy in no batch (at most MAX_BATCH_ITEMS). */
export async function createPaymentBatch(
  body: CreatePaymentBatchBody,
  actor: Actor,
  at: Date,
): Promise<PaymentBatchDetail> {
  requireAdmin(actor);
  const catalogue = await policyCatalogue();
  const policy = catalogue.find(body.policyId);
  if (!policy) throw notFound('政策');
  requireSignoffPolicy(policy);
  const now = instantOf(at);
  return withRetry(async () => {
    const items = await candidates(policy);
    if (items.length === 0) throw nothingToBatch();
    const t = createBatch(
      { id: newId('paymentBatch'), policyId: policyRef(policy.id), items },
      actor,
      now,
    );
    await createBatchRecord(t.next, t.events);
    logger.info('payment batch created', {
      batchId: t.next.id,
      policyId: policy.id,
      itemCount: items.length,
      totalFen: t.next.totalFen,
    });
    return detailView(catalogue, t.next, actor);
  });
}

export async function listPaymentBatches(
  query: { status?: PaymentBatchStatus; cursor?: string; limit?: number },
  actor: Actor,
): Promise<PaymentBatchPage> {
  requireBatchReader(actor);
  const [page, catalogue] = await Promise.all([
    listBatches({ status: query.status, cursor: query.cursor, limit: query.limit }),
    policyCatalogue(),
  ]);
  return {
    items: page.items.map((b) => summaryView(catalogue, b)),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

export async function getPaymentBatch(
  id: PaymentBatchId,
  actor: Actor,
): Promise<PaymentBatchDetail> {
  requireBatchReader(actor);
  return detailView(await policyCatalogue(), await getBatch(id), actor);
}

/** Finance L2 who decided none of its items approves; its parked items are put back in the due index. */
export async function approvePaymentBatch(
  id: PaymentBatchId,
  body: ApprovePaymentBatchBody,
  actor: Actor,
  at: Date,
): Promise<PaymentBatchDetail> {
  requireFinanceL2(actor);
  const now = instantOf(at);
  const next = await withRetry(async () => {
    const b = await getBatch(id);
    const t = approveBatch(b, { note: body.note }, actor, now);
    await saveBatchDecision(t.next, t.events, b.version);
    return t.next;
  });
  try {
    await release(next);
  } catch (e) {
    // approved all the same: the batch stays marked `releasing` and the next disburse finishes it
    logger.warn('payment batch approved; release left to disburse', {
      batchId: id,
      error: (e as Error).message,
    });
  }
  logger.info('payment batch approved', {
    batchId: id,
    itemCount: next.items.length,
    totalFen: next.totalFen,
  });
  return detailView(await policyCatalogue(), next, actor);
}

/** Finance L2 sends it back with a reason; its items are free to be batched again. */
export async function rejectPaymentBatch(
  id: PaymentBatchId,
  body: RejectPaymentBatchBody,
  actor: Actor,
  at: Date,
): Promise<PaymentBatchDetail> {
  requireFinanceL2(actor);
  const now = instantOf(at);
  const next = await withRetry(async () => {
    const b = await getBatch(id);
    const t = rejectBatch(b, { reason: body.reason }, actor, now);
    await saveBatchDecision(t.next, t.events, b.version);
    return t.next;
  });
  logger.info('payment batch rejected', { batchId: id });
  return detailView(await policyCatalogue(), next, actor);
}
