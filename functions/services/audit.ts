/**
 * The audit trail (issue 14, DESIGN §14): an auditor (or admin) follows a payment, a grant or
 * an application back through its whole chain — the item, every decision, the policy version
 * and the explanation, the facts and their hash, the budget movements, every payment attempt
 * with the treasury's answers, objections and recoveries. Read-only: it loads the append-only
 * events and records through the repositories and shapes them with shared/audit-trail.ts.
 *
 * Frozen facts: an item judged since issue 14 carries the facts frozen at submit / detection;
 * the trail shows those records (`frozen: true`), the hash frozen with the item and the hash of
 * the records as read back (equal unless a record was tampered with), and explains by them. An
 * older item shows the subject's records as stored now, with `frozen: false`.
 */
import { createHash } from 'node:crypto';
import {
  budgetMovements,
  isDecision,
  paymentStep,
  trailStep,
  type BudgetMovement,
} from '../../shared/audit-trail';
import { localDateOf } from '../../shared/calendar';
import { notFound } from '../../shared/errors';
import type { Fact } from '../../shared/facts';
import type { ApplicationId, GrantId, PaymentId, SubjectId } from '../../shared/ids';
import { APPLICATION_STATUS_LABELS } from '../../shared/lifecycle/application';
import type { Objection } from '../../shared/lifecycle/common';
import { GRANT_STATUS_LABELS } from '../../shared/lifecycle/grant';
import { recoveryIdFor } from '../../shared/lifecycle/recovery';
import { maskBankAccount, maskIdNumber, maskSensitive } from '../../shared/mask';
import { PAYMENT_STATUS_LABELS, type Payment } from '../../shared/payment';
import type { PolicyCatalogue, PolicyVersion } from '../../shared/policies';
import type { AuditTrail, TrailStep } from '../../shared/schemas/audit';
import { explanationView } from '../../shared/rules/explanation';
import { loadApplication } from '../repositories/applications';
import { factsOf } from '../repositories/facts';
import { frozenHashOf, thawFacts } from './frozen-facts';
import type { FrozenFacts } from '../../shared/facts/frozen';
import { findGrantRecord, grantTimeline } from '../repositories/grants';
import { grantObjections, objectionsOf } from '../repositories/objections';
import { findPayment, paymentEvents, paymentsOfItem } from '../repositories/payments';
import { findRecovery, recoveryTimeline } from '../repositories/recoveries';
import { applicationLineYear, grantLineYear } from './budget';
import { policyCatalogue } from './catalogue';
import { catalogueIdOf } from './policy-ref';
import { subjectViews } from './views';

type Kind = 'application' | 'grant';

/** JSON with sorted keys, so the same records always hash the same. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** SHA-256 (base64url) of the fact records, canonical JSON, in the order given. */
export function factsHash(records: readonly Fact[]): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(records)))
    .digest('base64url');
}

/** A fact record for the trail: its subject's official code masked (a person's ID number). */
const factRecord = (f: Fact) => ({
  source: f.source,
  period: f.period,
  values: maskSensitive(f.values),
  subject: maskIdNumber(f.subjectId),
});

async function paymentsView(itemId: string): Promise<AuditTrail['payments']> {
  const payments = await paymentsOfItem(itemId);
  return Promise.all(
    payments.map(async (p: Payment) => ({
      id: p.id,
      attempt: p.attempt,
      idempotencyKey: p.idempotencyKey,
      amountFen: p.amountFen,
      status: p.status,
      statusLabel: PAYMENT_STATUS_LABELS[p.status],
      accountMasked: maskBankAccount(p.payee.accountNumber),
      ...(p.treasuryRef !== undefined ? { treasuryRef: p.treasuryRef } : {}),
      createdAt: p.createdAt,
      ...(p.settledAt !== undefined ? { settledAt: p.settledAt } : {}),
      ...(p.reason !== undefined ? { reason: p.reason } : {}),
      events: (await paymentEvents(p.id)).map(paymentStep),
    })),
  );
}

async function recoveriesView(kind: Kind, itemId: string): Promise<AuditTrail['recoveries']> {
  const id = recoveryIdFor(kind, itemId);
  const r = await findRecovery(id);
  if (!r) return [];
  return [
    {
      id: r.id,
      status: r.status,
      amountFen: r.amountFen,
      reason: r.reason,
      events: (await recoveryTimeline(id)).map((e) => trailStep('recovery', e)),
    },
  ];
}

const objectionsView = (list: readonly Objection[]): AuditTrail['objections'] =>
  list.map((o) => ({
    id: o.id,
    raisedAt: o.raisedAt,
    channel: o.channel === 'public' ? 'public' : 'signed_in',
    status: o.resolution === undefined ? 'open' : o.resolution.upheld ? 'upheld' : 'dismissed',
    ...(o.resolution
      ? { ruling: { upheld: o.resolution.upheld, note: o.resolution.note, at: o.resolution.at } }
      : {}),
  }));

/** The facts an item was judged on (frozen when it has them), the date they apply to, and their view. */
async function judgedFacts(
  item: { subjectId: SubjectId; frozenFacts?: FrozenFacts },
  asOf: string,
): Promise<{ facts: Fact[]; asOf: string; view: AuditTrail['facts'] }> {
  if (!item.frozenFacts) {
    const facts = await factsOf(item.subjectId);
    return { facts, asOf, view: factsView(facts, asOf) };
  }
  const frozen = item.frozenFacts;
  const { facts } = await thawFacts(item.subjectId, frozen);
  return {
    facts,
    asOf: frozen.asOf,
    view: {
      frozen: true,
      frozenHash: frozen.hash,
      hash: frozenHashOf(facts),
      asOf: frozen.asOf,
      records: facts.map(factRecord),
    },
  };
}

function factsView(records: readonly Fact[], asOf: string): AuditTrail['facts'] {
  return {
    frozen: false,
    hash: factsHash(records),
    asOf,
    records: records.map(factRecord),
  };
}

function explanationOf(
  catalogue: PolicyCatalogue,
  policy: PolicyVersion | undefined,
  facts: readonly Fact[],
  asOf: string,
): AuditTrail['explanation'] {
  if (!policy) return undefined;
  return explanationView(catalogue.evaluate(policy, facts, asOf));
}

async function subjectNameOf(id: Parameters<typeof subjectViews>[0][number]): Promise<string> {
  return (await subjectViews([id])).get(id)?.name ?? '';
}

async function applicationTrail(id: ApplicationId): Promise<AuditTrail> {
  const { application: a, events } = await loadApplication(id);
  const catalogue = await policyCatalogue();
  const policy = catalogue.find(catalogueIdOf(a.policyId), a.policyVersion);
  const [judged, objections, payments, recoveries, name] = await Promise.all([
    judgedFacts(a, localDateOf(a.submittedAt ?? a.createdAt)),
    objectionsOf(a),
    paymentsView(a.id),
    recoveriesView('application', a.id),
    subjectNameOf(a.subjectId),
  ]);
  const timeline = events.map((e) => trailStep('application', e));
  const amountFen = a.approvedFen ?? a.requestedFen ?? 0;
  return {
    item: {
      kind: 'application',
      id: a.id,
      status: a.status,
      statusLabel: APPLICATION_STATUS_LABELS[a.status],
      department: a.department,
      subjectId: a.subjectId,
      subjectName: name,
      amountFen,
      ...(a.payee ? { accountMasked: maskBankAccount(a.payee.accountNumber) } : {}),
    },
    policy: {
      id: catalogueIdOf(a.policyId),
      version: a.policyVersion,
      title: policy?.title ?? catalogueIdOf(a.policyId),
    },
    explanation: explanationOf(catalogue, policy, judged.facts, judged.asOf),
    facts: judged.view,
    decisions: timeline.filter(isDecision),
    timeline,
    budget: budgetOf(timeline, recoveries, amountFen, applicationLineYear(a)),
    payments,
    recoveries,
    objections: objectionsView(objections),
  };
}

async function grantTrail(id: GrantId): Promise<AuditTrail> {
  const record = await findGrantRecord(id);
  if (!record) throw notFound('发放记录');
  const g = record.grant;
  const catalogue = await policyCatalogue();
  const policy = catalogue.find(catalogueIdOf(g.policyId), g.policyVersion);
  // the run evaluated the facts as of its date (kept on the grant); an older grant, as of detection
  const [events, judged, objections, payments, recoveries, name] = await Promise.all([
    grantTimeline(id),
    judgedFacts(g, g.evaluatedOn ?? localDateOf(g.detectedAt)),
    grantObjections(id),
    paymentsView(g.id),
    recoveriesView('grant', g.id),
    subjectNameOf(g.subjectId),
  ]);
  const timeline = events.map((e) => trailStep('grant', e));
  return {
    item: {
      kind: 'grant',
      id: g.id,
      status: g.status,
      statusLabel: GRANT_STATUS_LABELS[g.status],
      department: g.department,
      subjectId: g.subjectId,
      subjectName: name,
      amountFen: g.amountFen,
      ...(g.payee ? { accountMasked: maskBankAccount(g.payee.accountNumber) } : {}),
    },
    policy: {
      id: catalogueIdOf(g.policyId),
      version: g.policyVersion,
      title: policy?.title ?? catalogueIdOf(g.policyId),
    },
    explanation: explanationOf(catalogue, policy, judged.facts, judged.asOf),
    facts: judged.view,
    decisions: timeline.filter(isDecision),
    timeline,
    budget: budgetOf(timeline, recoveries, g.amountFen, grantLineYear(g)),
    payments,
    recoveries,
    objections: objectionsView(objections),
  };
}

function budgetOf(
  timeline: readonly TrailStep[],
  recoveries: AuditTrail['recoveries'],
  amountFen: number,
  fiscalYear: number,
): BudgetMovement[] {
  const steps = [...timeline, ...recoveries.flatMap((r) => r.events)].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : 0,
  );
  return budgetMovements(steps, amountFen, fiscalYear);
}

/** GET /v1/audit/{kind}/{id}/trail: a payment leads to the item it paid, and from there back. */
export async function auditTrail(kind: Kind | 'payment', id: string): Promise<AuditTrail> {
  if (kind === 'application' && id.startsWith('app_')) return applicationTrail(id as ApplicationId);
  if (kind === 'grant' && id.startsWith('grt_')) return grantTrail(id as GrantId);
  if (kind === 'payment' && id.startsWith('pay_')) {
    const found = await findPayment(id as PaymentId);
    if (!found) throw notFound('支付记录');
    const p = found.payment;
    if (p.itemKind === 'application') return applicationTrail(p.itemId as ApplicationId);
    if (p.itemKind === 'grant') return grantTrail(p.itemId as GrantId);
  }
  throw notFound('记录');
}
