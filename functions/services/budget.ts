/**
 * Budget lines (专账, issue #11): bootstrap from the policies' budgets, the lines with their
 * journals, and the four-eyes change requests (shared/lifecycle/budget-change.ts).
 * Load → one pure call → save; the line moves and journal entries ride in the change's
 * own transaction (repositories/ledger.ts journalWrites).
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../shared/actor';
import {
  applicationFiscalYear,
  fiscalYearsOfWindow,
  grantFiscalYear,
  noSuchLine,
  type BudgetLine,
  type BudgetLineRef,
} from '../../shared/budget';
import type { Application } from '../../shared/lifecycle/application';
import type { Grant } from '../../shared/lifecycle/grant';
import { instantOf } from '../../shared/calendar';
import { policyIdOf } from '../../shared/auto-grant';
import type { PolicyId } from '../../shared/ids';
import { requireAdminOrAuditor } from '../../shared/lifecycle/guards';
import {
  approveBudgetChange,
  BUDGET_CHANGE_KIND_LABELS,
  BUDGET_CHANGE_STATUS_LABELS,
  journalOf,
  rejectBudgetChange,
  requestBudgetChange,
  type BudgetChange,
  type BudgetChangeId,
  type BudgetChangeStatus,
  type ChangeLines,
  type JournalEntry,
} from '../../shared/lifecycle/budget-change';
import { fen } from '../../shared/money';
import { findPolicy, type PolicyVersion } from '../../shared/policies';
import { policyCatalogue } from './catalogue';
import type {
  BudgetChangeList,
  BudgetChangeView,
  BudgetLineDetail,
  BudgetLineList,
  BudgetLineView,
  JournalEntryView,
  RejectBudgetChangeBody,
  RequestBudgetChangeBody,
} from '../../shared/schemas/budget';
import { logger } from '../_lib/logger';
import {
  getBudgetChange,
  listBudgetChanges,
  saveBudgetChange,
} from '../repositories/budget-changes';
import {
  getBudget,
  journalWrites,
  lineOpenings,
  lineWithJournal,
  listBudgetLines,
  openBudget,
  type Budget,
} from '../repositories/ledger';
import { catalogueIdOf } from './policy-ref';
import { mapLimit, withRetry } from './retry';

/**
 * Bootstrap (every schedule run that reserves): each policy's budgetFen is the initial
 * allocation of its line for every fiscal year its window covers. A line open from an older
 * version of the policy follows a newer version's budget (repositories/ledger.ts openBudget).
 * `alsoYears`: lines needed beyond the window — 贴息 is owed for the life of every loan made
 * in the window, so the interest policy's line is opened for each year a quarter is settled.
 */
export async function openPolicyBudgets(
  given?: readonly PolicyVersion[],
  alsoYears: readonly number[] = [],
): Promise<void> {
  // the published catalogue in the table (studio-authored policies too), not only the shipped seeds
  const policies = given ?? (await policyCatalogue()).list();
  // one Query per policy finds the lines already current; only the others are written
  const perPolicy = await mapLimit(policies, 4, async (p) => {
    const open = await lineOpenings(policyIdOf(p.id));
    return [...new Set([...fiscalYearsOfWindow(p.effectiveFrom, p.effectiveTo), ...alsoYears])]
      .filter((year) => {
        const o = open.get(year);
        return !o || (o.openedVersion < p.version && o.openedFen !== p.budgetFen);
      })
      .map((year) => ({ p, year }));
  });
  await mapLimit(perPolicy.flat(), 4, async ({ p, year }) => {
    // two runs opening the same line at once: the loser's transaction conflicts, and on retry finds it open
    const outcome = await withRetry(() =>
      openBudget(policyIdOf(p.id), year, fen(p.budgetFen), { policyVersion: p.version }),
    );
    if (outcome === 'refused')
      logger.warn('policy budget below committed; line kept', { policyId: p.id, year });
  });
}

/** The policy version an item was judged by: its window says which lines exist. */
export function policyWindowOf(item: {
  readonly policyId: PolicyId;
  readonly policyVersion: number;
}): PolicyVersion | undefined {
  return findPolicy(catalogueIdOf(item.policyId), item.policyVersion);
}

/** The fiscal year of the line an application is charged to (shared/budget.ts). */
export const applicationLineYear = (a: Application): number =>
  applicationFiscalYear(a, policyWindowOf(a));

/** The fiscal year of the line a 免申即享 grant is charged to (shared/budget.ts). */
export const grantLineYear = (g: Grant): number => grantFiscalYear(g, policyWindowOf(g));

const toLine = (b: Budget): BudgetLine => ({
  policyId: b.policyId,
  fiscalYear: b.fiscalYear,
  allocatedFen: b.totalFen,
  reservedFen: b.reservedFen,
  paidFen: b.paidFen,
  remainingFen: b.remainingFen,
});

/**
 * A policy's Chinese title as people read it (issue #17): from the published catalogue, which
 * holds the policies authored in the studio as well as the seeds; the id only if neither knows it.
 */
type TitleOf = (policyId: PolicyId) => string;
const seedTitleOf: TitleOf = (policyId) =>
  findPolicy(catalogueIdOf(policyId))?.title ?? catalogueIdOf(policyId);
async function titles(): Promise<TitleOf> {
  const catalogue = await policyCatalogue();
  return (policyId) => {
    const id = catalogueIdOf(policyId);
    return catalogue.find(id)?.title ?? catalogue.find(id, 1)?.title ?? seedTitleOf(policyId);
  };
}

export function toLineView(b: Budget, titleOf: TitleOf = seedTitleOf): BudgetLineView {
  return {
    policyId: catalogueIdOf(b.policyId),
    policyTitle: titleOf(b.policyId),
    fiscalYear: b.fiscalYear,
    allocatedFen: b.totalFen,
    reservedFen: b.reservedFen,
    paidFen: b.paidFen,
    remainingFen: b.remainingFen,
  };
}

const JOURNAL_LABELS: Record<JournalEntry['kind'], string> = {
  opening: '年初预算',
  policy_budget: '政策预算调整',
  ...BUDGET_CHANGE_KIND_LABELS,
};

function toJournalView(e: JournalEntry, titleOf: TitleOf): JournalEntryView {
  return {
    at: e.at,
    kind: e.kind,
    kindLabel: JOURNAL_LABELS[e.kind],
    deltaFen: e.deltaFen,
    reason: e.reason,
    ...(e.documentNo ? { documentNo: e.documentNo } : {}),
    ...(e.changeId ? { changeId: e.changeId } : {}),
    ...(e.requestedBy ? { requestedBy: e.requestedBy } : {}),
    ...(e.approvedBy ? { approvedBy: e.approvedBy } : {}),
    ...(e.counterpart
      ? {
          counterpart: {
            policyId: catalogueIdOf(e.counterpart.policyId),
            policyTitle: titleOf(e.counterpart.policyId),
            fiscalYear: e.counterpart.fiscalYear,
          },
        }
      : {}),
  };
}

export function toChangeView(
  c: BudgetChange,
  actor: Actor,
  titleOf: TitleOf = seedTitleOf,
): BudgetChangeView {
  return {
    id: c.id,
    kind: c.kind,
    kindLabel: BUDGET_CHANGE_KIND_LABELS[c.kind],
    policyId: catalogueIdOf(c.line.policyId),
    policyTitle: titleOf(c.line.policyId),
    fiscalYear: c.line.fiscalYear,
    ...(c.toLine
      ? {
          toPolicyId: catalogueIdOf(c.toLine.policyId),
          toPolicyTitle: titleOf(c.toLine.policyId),
          toFiscalYear: c.toLine.fiscalYear,
        }
      : {}),
    amountFen: c.amountFen,
    reason: c.reason,
    documentNo: c.documentNo,
    status: c.status,
    statusLabel: BUDGET_CHANGE_STATUS_LABELS[c.status],
    requestedBy: c.requestedBy,
    requestedAt: c.requestedAt,
    ...(c.decidedBy ? { decidedBy: c.decidedBy } : {}),
    ...(c.decidedAt ? { decidedAt: c.decidedAt } : {}),
    ...(c.rejectionReason ? { rejectionReason: c.rejectionReason } : {}),
    canApprove:
      c.status === 'requested' && actor.kind === 'admin' && actor.userId !== c.requestedBy,
  };
}

export async function budgetLines(actor: Actor): Promise<BudgetLineList> {
  requireAdminOrAuditor(actor);
  const [lines, titleOf] = await Promise.all([listBudgetLines(), titles()]);
  lines.sort((a, b) =>
    a.policyId === b.policyId ? a.fiscalYear - b.fiscalYear : a.policyId < b.policyId ? -1 : 1,
  );
  return { items: lines.map((b) => toLineView(b, titleOf)) };
}

const touches = (c: BudgetChange, ref: BudgetLineRef) =>
  [c.line, c.toLine].some(
    (l) => l !== undefined && l.policyId === ref.policyId && l.fiscalYear === ref.fiscalYear,
  );

export async function budgetLine(
  catalogueId: string,
  fiscalYear: number,
  actor: Actor,
): Promise<BudgetLineDetail> {
  requireAdminOrAuditor(actor);
  const ref = { policyId: policyIdOf(catalogueId), fiscalYear };
  const [found, pending, titleOf] = await Promise.all([
    lineWithJournal(ref.policyId, fiscalYear),
    listBudgetChanges('requested'),
    titles(),
  ]);
  if (!found) throw noSuchLine({ policyId: catalogueId as PolicyId, fiscalYear });
  return {
    line: toLineView(found.line, titleOf),
    journal: found.journal.map((e) => toJournalView(e, titleOf)),
    pending: pending.filter((c) => touches(c, ref)).map((c) => toChangeView(c, actor, titleOf)),
  };
}

export async function budgetChanges(
  status: BudgetChangeStatus | undefined,
  actor: Actor,
): Promise<BudgetChangeList> {
  requireAdminOrAuditor(actor);
  const [items, titleOf] = await Promise.all([listBudgetChanges(status ?? 'requested'), titles()]);
  return { items: items.map((c) => toChangeView(c, actor, titleOf)) };
}

async function loadLine(ref: BudgetLineRef): Promise<BudgetLine> {
  const b = await getBudget(ref.policyId, ref.fiscalYear);
  if (!b)
    throw noSuchLine({
      policyId: catalogueIdOf(ref.policyId) as PolicyId,
      fiscalYear: ref.fiscalYear,
    });
  return toLine(b);
}

async function loadLines(c: { line: BudgetLineRef; toLine?: BudgetLineRef }): Promise<ChangeLines> {
  const [line, toLineFigures] = await Promise.all([
    loadLine(c.line),
    c.toLine ? loadLine(c.toLine) : Promise.resolve(undefined),
  ]);
  return toLineFigures ? { line, toLine: toLineFigures } : { line };
}

const newChangeId = (): BudgetChangeId => `bch_${randomBytes(16).toString('hex')}`;

/** Admin: a top-up, cut or transfer, waiting for another admin's approval. */
export async function requestChange(
  body: RequestBudgetChangeBody,
  actor: Actor,
  at: Date,
): Promise<BudgetChangeView> {
  const line = { policyId: policyIdOf(body.policyId), fiscalYear: body.fiscalYear };
  const target =
    body.kind === 'transfer'
      ? { policyId: policyIdOf(body.toPolicyId), fiscalYear: body.toFiscalYear }
      : undefined;
  const lines = await loadLines({ line, ...(target ? { toLine: target } : {}) });
  const t = requestBudgetChange(
    {
      id: newChangeId(),
      kind: body.kind,
      line,
      ...(target ? { toLine: target } : {}),
      amountFen: body.amountFen,
      reason: body.reason,
      documentNo: body.documentNo,
    },
    lines,
    actor,
    instantOf(at),
  );
  await saveBudgetChange(t.next, t.events, 'new');
  return toChangeView(t.next, actor, await titles());
}

/** Another admin approves: the change, the line moves and the journal entries in one transaction. */
export async function approveChange(
  id: BudgetChangeId,
  actor: Actor,
  at: Date,
): Promise<BudgetChangeView> {
  return withRetry(async () => {
    const c = await getBudgetChange(id);
    const lines = await loadLines(c);
    const t = approveBudgetChange(c, lines, actor, instantOf(at));
    await saveBudgetChange(t.next, t.events, c.version, journalWrites(journalOf(t.next)));
    return toChangeView(t.next, actor, await titles());
  });
}

export async function rejectChange(
  id: BudgetChangeId,
  body: RejectBudgetChangeBody,
  actor: Actor,
  at: Date,
): Promise<BudgetChangeView> {
  return withRetry(async () => {
    const c = await getBudgetChange(id);
    const t = rejectBudgetChange(c, body, actor, instantOf(at));
    await saveBudgetChange(t.next, t.events, c.version);
    return toChangeView(t.next, actor, await titles());
  });
}
