/**
 * Budget lines (专账, issue #11) through the real handlers: lines per policy and fiscal year
 * opened from the policies' budgets, a top-up requested by one admin and approved by another,
 * a refused over-cut, a transfer, a reservation failing on an exhausted line, the stats per
 * line — and `openBudget` following a newer policy version (it never updated an open ledger).
 */
import { handler as approveHandler } from '../../../functions/http/approve-budget-change/handler';
import { handler as getLineHandler } from '../../../functions/http/get-budget-line/handler';
import { handler as listChangesHandler } from '../../../functions/http/list-budget-changes/handler';
import { handler as listLinesHandler } from '../../../functions/http/list-budget-lines/handler';
import { handler as rejectHandler } from '../../../functions/http/reject-budget-change/handler';
import { handler as requestHandler } from '../../../functions/http/request-budget-change/handler';
import { handler as statsHandler } from '../../../functions/http/admin-stats/handler';
import { signSession } from '../../support/session';
import { newId } from '../../../functions/_lib/new-id';
import { getGrant, saveGrant } from '../../../functions/repositories/grants';
import {
  getBudget,
  lineWithJournal,
  openBudget,
  type Budget,
} from '../../../functions/repositories/ledger';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { closeGrantPublicity } from '../../../functions/services/close-publicity';
import { openPolicyBudgets } from '../../../functions/services/budget';
import { grantPeriodOf, policyIdOf } from '../../../shared/auto-grant';
import { instantOf } from '../../../shared/calendar';
import type { GrantId, PolicyId } from '../../../shared/ids';
import { detectGrant } from '../../../shared/lifecycle/grant';
import { fen } from '../../../shared/money';
import { findPolicy } from '../../../shared/policies';
import {
  BudgetChangeList,
  BudgetChangeView,
  BudgetLineDetail,
  BudgetLineList,
} from '../../../shared/schemas/budget';
import { StatsView } from '../../../shared/schemas/admin';
import { ErrorBody } from '../../../shared/schemas/common';
import type { PolicyVersion } from '../../../shared/policies';
import { call, type Called } from '../../support/http';
import { freshTable } from '../../support/table';
import { daysAfter, PAYEE, T_RUN, uscc } from '../money/support';

jest.setTimeout(180_000);

function policy(id: string): PolicyVersion {
  const p = findPolicy(id);
  if (!p) throw new Error(`catalogue policy ${id} missing`);
  return p;
}
const hireLocal = policy('hire-local');
const hirePoor = policy('hire-poor');

/** A line's figures; a missing line fails the test. */
async function budget(policyId: PolicyId, fiscalYear: number): Promise<Budget> {
  const b = await getBudget(policyId, fiscalYear);
  if (!b) throw new Error(`no line ${policyId}/${String(fiscalYear)}`);
  return b;
}
const errorOf = (r: Called) => ErrorBody.parse(r.body).error;
const reasonOf = (r: Called) => (errorOf(r).details as { reason?: string } | undefined)?.reason;
const change = (r: Called) => BudgetChangeView.parse(r.body);
const detail = (r: Called) => BudgetLineDetail.parse(r.body);
const HIRE_LOCAL = policyIdOf('hire-local');
const HIRE_POOR = policyIdOf('hire-poor');
const AMOUNT = 100_000;

const LINES = 'GET /v1/admin/budget-lines';
const LINE = 'GET /v1/admin/budget-lines/{policyId}/{fiscalYear}';
const CHANGES = 'GET /v1/admin/budget-changes';
const REQUEST = 'POST /v1/admin/budget-changes';
const APPROVE = 'POST /v1/admin/budget-changes/{id}/approve';
const REJECT = 'POST /v1/admin/budget-changes/{id}/reject';

const token = async (actor: Parameters<typeof signSession>[0]) =>
  (await signSession(actor, new Date())).token;
const adminA = () => token({ kind: 'admin', userId: newId('user') });

/** A 免申即享 grant of hire-local detected at T_RUN (fiscal year 2020), in 公示. */
async function grantInPublicity(n: number, amountFen = AMOUNT): Promise<GrantId> {
  const t = detectGrant(
    {
      policyId: HIRE_LOCAL,
      policyVersion: 1,
      subjectId: subjectIdOf(uscc(n)),
      period: grantPeriodOf(hireLocal),
      department: 'finance',
      amountFen: fen(amountFen),
      capFen: fen(hireLocal.capFen),
      publicityDays: 5,
      payee: PAYEE,
    },
    { kind: 'system', job: 'auto-grant' },
    instantOf(T_RUN),
  );
  await saveGrant(t.next, t.events, 'new');
  return t.next.id;
}
const closeAt = instantOf(daysAfter(T_RUN, 6));

describe('budget lines (专账)', () => {
  let admin: string;
  let second: string;
  let auditor: string;
  beforeAll(async () => {
    await freshTable();
    await openPolicyBudgets();
    admin = await adminA();
    second = await adminA();
    auditor = await token({ kind: 'auditor', userId: newId('user') });
  });

  it('bootstrap: each policy budget is the allocation of a line per fiscal year of its window; admins and auditors read them', async () => {
    const res = await call(listLinesHandler, LINES, { token: auditor });
    expect(res.status).toBe(200);
    const hire = BudgetLineList.parse(res.body).items.filter((l) => l.policyId === 'hire-local');
    expect(hire).toEqual([
      {
        policyId: 'hire-local',
        policyTitle: hireLocal.title,
        fiscalYear: 2020,
        allocatedFen: hireLocal.budgetFen,
        reservedFen: 0,
        paidFen: 0,
        remainingFen: hireLocal.budgetFen,
      },
      expect.objectContaining({ fiscalYear: 2021, allocatedFen: hireLocal.budgetFen }),
    ]);
    const applicant = await token({
      kind: 'applicant',
      userId: newId('user'),
      subjectId: subjectIdOf(uscc(1)),
    });
    expect((await call(listLinesHandler, LINES, { token: applicant })).status).toBe(403);
    const line = await call(getLineHandler, LINE, {
      token: admin,
      params: { policyId: 'hire-local', fiscalYear: '2020' },
    });
    expect(line.status).toBe(200);
    expect(detail(line).journal).toEqual([
      expect.objectContaining({ kind: 'opening', deltaFen: hireLocal.budgetFen }),
    ]);
    const none = await call(getLineHandler, LINE, {
      token: admin,
      params: { policyId: 'hire-local', fiscalYear: '2030' },
    });
    expect(none.status).toBe(404);
    expect(reasonOf(none)).toBe('NO_BUDGET_LINE');
  });

  it('openBudget follows a newer policy version’s budget (it never updated an open ledger), keeping the journal; the same version changes nothing', async () => {
    const before = await budget(HIRE_POOR, 2020);
    expect(
      await openBudget(HIRE_POOR, 2020, fen(hirePoor.budgetFen + 50_000), { policyVersion: 1 }),
    ).toBe('existed');
    expect(
      await openBudget(HIRE_POOR, 2020, fen(hirePoor.budgetFen + 50_000), { policyVersion: 2 }),
    ).toBe('updated');
    expect(await getBudget(HIRE_POOR, 2020)).toEqual({
      ...before,
      totalFen: before.totalFen + 50_000,
      remainingFen: before.remainingFen + 50_000,
    });
    // every schedule run calls it again: nothing more moves
    expect(
      await openBudget(HIRE_POOR, 2020, fen(hirePoor.budgetFen + 50_000), { policyVersion: 2 }),
    ).toBe('existed');
    await openPolicyBudgets(); // the catalogue's version 1 never takes it back
    expect((await budget(HIRE_POOR, 2020)).totalFen).toBe(before.totalFen + 50_000);
    const { journal } = (await lineWithJournal(HIRE_POOR, 2020)) ?? { journal: [] };
    expect(journal.map((e) => [e.kind, e.deltaFen])).toEqual([
      ['opening', hirePoor.budgetFen],
      ['policy_budget', 50_000],
    ]);
  });

  it('a top-up: requested by one admin (nothing moves), refused to the requester (four eyes), approved by another, in the journal with 文号', async () => {
    const before = await budget(HIRE_LOCAL, 2021);
    const req = await call(requestHandler, REQUEST, {
      token: admin,
      body: {
        kind: 'top_up',
        policyId: 'hire-local',
        fiscalYear: 2021,
        amountFen: 1_234_567,
        reason: '就业补助资金追加',
        documentNo: '高财社〔2021〕15号',
      },
    });
    expect(req.status).toBe(201);
    expect(change(req)).toMatchObject({ status: 'requested', kind: 'top_up', canApprove: false });
    expect(await getBudget(HIRE_LOCAL, 2021)).toEqual(before);

    const pending = await call(listChangesHandler, CHANGES, { token: second });
    expect(pending.status).toBe(200);
    expect(BudgetChangeList.parse(pending.body).items).toEqual([
      expect.objectContaining({ id: change(req).id, canApprove: true }),
    ]);

    const own = await call(approveHandler, APPROVE, {
      token: admin,
      params: { id: change(req).id },
    });
    expect(own.status).toBe(403);
    expect(reasonOf(own)).toBe('FOUR_EYES');

    const ok = await call(approveHandler, APPROVE, {
      token: second,
      params: { id: change(req).id },
    });
    expect(ok.status).toBe(200);
    expect(change(ok).status).toBe('approved');
    expect(await getBudget(HIRE_LOCAL, 2021)).toEqual({
      ...before,
      totalFen: before.totalFen + 1_234_567,
      remainingFen: before.remainingFen + 1_234_567,
    });
    const again = await call(approveHandler, APPROVE, {
      token: second,
      params: { id: change(req).id },
    });
    expect(again.status).toBe(409);
    expect((await budget(HIRE_LOCAL, 2021)).totalFen).toBe(before.totalFen + 1_234_567);

    const line = await call(getLineHandler, LINE, {
      token: auditor,
      params: { policyId: 'hire-local', fiscalYear: '2021' },
    });
    expect(line.status).toBe(200);
    expect(detail(line).journal[1]).toMatchObject({
      kind: 'top_up',
      kindLabel: '追加',
      deltaFen: 1_234_567,
      reason: '就业补助资金追加',
      documentNo: '高财社〔2021〕15号',
      changeId: change(req).id,
      requestedBy: change(req).requestedBy,
      approvedBy: change(ok).decidedBy,
    });
    expect(detail(line).pending).toEqual([]);
  });

  it('a cut below what is committed (reserved + paid) is refused with 422 BELOW_COMMITTED, at request and at approval', async () => {
    // a small line: hire-local 2020 cut down to 3 grants' worth by an approved cut
    const start = await budget(HIRE_LOCAL, 2020);
    const cutTo = async (amountFen: number) =>
      call(requestHandler, REQUEST, {
        token: admin,
        body: {
          kind: 'cut',
          policyId: 'hire-local',
          fiscalYear: 2020,
          amountFen,
          reason: '年中预算调整',
          documentNo: '高财预〔2020〕7号',
        },
      });
    const first = await cutTo(start.remainingFen - 3 * AMOUNT);
    expect(first.status).toBe(201);
    expect(
      (await call(approveHandler, APPROVE, { token: second, params: { id: change(first).id } }))
        .status,
    ).toBe(200);
    expect(await getBudget(HIRE_LOCAL, 2020)).toMatchObject({
      totalFen: 3 * AMOUNT,
      remainingFen: 3 * AMOUNT,
    });

    // two grants reserve 2 of the 3
    for (const n of [11, 12])
      expect(await closeGrantPublicity(await grantInPublicity(n), closeAt)).toBe('payable');

    const over = await cutTo(2 * AMOUNT);
    expect(over.status).toBe(422);
    expect(errorOf(over)).toMatchObject({
      code: 'BUDGET_EXHAUSTED',
      details: { reason: 'BELOW_COMMITTED', remainingFen: AMOUNT, committedFen: 2 * AMOUNT },
    });
    expect(errorOf(over).message).toMatch(/核减/);

    // a cut that fitted when asked, but money was reserved before it was approved
    const fits = await cutTo(AMOUNT);
    expect(fits.status).toBe(201);
    expect(await closeGrantPublicity(await grantInPublicity(13), closeAt)).toBe('payable');
    const late = await call(approveHandler, APPROVE, {
      token: second,
      params: { id: change(fits).id },
    });
    expect(late.status).toBe(422);
    expect(reasonOf(late)).toBe('BELOW_COMMITTED');
    expect(await getBudget(HIRE_LOCAL, 2020)).toMatchObject({
      totalFen: 3 * AMOUNT,
      reservedFen: 3 * AMOUNT,
      remainingFen: 0,
    });
    // it stays requested; another admin turns it down (reason required)
    const noReason = await call(rejectHandler, REJECT, {
      token: second,
      params: { id: change(fits).id },
      body: { reason: ' ' },
    });
    expect(noReason.status).toBe(400);
    const rejected = await call(rejectHandler, REJECT, {
      token: second,
      params: { id: change(fits).id },
      body: { reason: '资金已占用，不予核减' },
    });
    expect(rejected.status).toBe(200);
    expect(change(rejected)).toMatchObject({
      status: 'rejected',
      rejectionReason: '资金已占用，不予核减',
    });
  });

  it('a reservation fails on the exhausted line, and a transfer from another line lets it through', async () => {
    const waiting = await grantInPublicity(14);
    expect(await closeGrantPublicity(waiting, closeAt)).toBe('budget_exhausted');
    expect((await getGrant(waiting)).status).toBe('publicity');

    const from = await budget(HIRE_POOR, 2020);
    const to = await budget(HIRE_LOCAL, 2020);
    const req = await call(requestHandler, REQUEST, {
      token: admin,
      body: {
        kind: 'transfer',
        policyId: 'hire-poor',
        fiscalYear: 2020,
        toPolicyId: 'hire-local',
        toFiscalYear: 2020,
        amountFen: AMOUNT,
        reason: '吸纳贫困劳动力资金结余调剂至本县劳动力奖补',
        documentNo: '高财社〔2020〕31号',
      },
    });
    expect(req.status).toBe(201);
    const pendingOnTarget = await call(getLineHandler, LINE, {
      token: admin,
      params: { policyId: 'hire-local', fiscalYear: '2020' },
    });
    expect(detail(pendingOnTarget).pending).toEqual([
      expect.objectContaining({ id: change(req).id }),
    ]);
    expect(
      (await call(approveHandler, APPROVE, { token: second, params: { id: change(req).id } }))
        .status,
    ).toBe(200);
    expect(await getBudget(HIRE_POOR, 2020)).toEqual({
      ...from,
      totalFen: from.totalFen - AMOUNT,
      remainingFen: from.remainingFen - AMOUNT,
    });
    expect(await getBudget(HIRE_LOCAL, 2020)).toEqual({
      ...to,
      totalFen: to.totalFen + AMOUNT,
      remainingFen: to.remainingFen + AMOUNT,
    });
    const target = await call(getLineHandler, LINE, {
      token: auditor,
      params: { policyId: 'hire-local', fiscalYear: '2020' },
    });
    expect(detail(target).journal.at(-1)).toMatchObject({
      kind: 'transfer',
      deltaFen: AMOUNT,
      counterpart: { policyId: 'hire-poor', fiscalYear: 2020 },
    });
    expect(await closeGrantPublicity(waiting, closeAt)).toBe('payable');
  });

  it('bad input: a transfer to the same line, without a target, with a fractional amount or no 文号 → 400; an auditor cannot request', async () => {
    const base = {
      policyId: 'hire-local',
      fiscalYear: 2020,
      amountFen: 100,
      reason: '测试',
      documentNo: '文号1',
    };
    const same = await call(requestHandler, REQUEST, {
      token: admin,
      body: { ...base, kind: 'transfer', toPolicyId: 'hire-local', toFiscalYear: 2020 },
    });
    expect(same.status).toBe(400);
    expect(reasonOf(same)).toBe('SAME_LINE');
    for (const body of [
      { ...base, kind: 'transfer' },
      { ...base, kind: 'top_up', amountFen: 1.5 },
      { ...base, kind: 'top_up', documentNo: '' },
      { ...base, kind: 'raise' },
    ]) {
      const res = await call(requestHandler, REQUEST, { token: admin, body });
      expect(res.status).toBe(400);
      expect(errorOf(res).code).toBe('INVALID_INPUT');
    }
    const unknownLine = await call(requestHandler, REQUEST, {
      token: admin,
      body: { ...base, kind: 'top_up', fiscalYear: 2030 },
    });
    expect(unknownLine.status).toBe(404);
    const byAuditor = await call(requestHandler, REQUEST, {
      token: auditor,
      body: { ...base, kind: 'top_up' },
    });
    expect(byAuditor.status).toBe(403);
  });

  it('stats show each line: allocated, reserved, paid, remaining — and the policy totals are their sum', async () => {
    const res = await call(statsHandler, 'GET /v1/admin/stats', { token: admin });
    expect(res.status).toBe(200);
    const hire = StatsView.parse(res.body).items.find((p) => p.policyId === 'hire-local');
    const y2020 = await budget(HIRE_LOCAL, 2020);
    const y2021 = await budget(HIRE_LOCAL, 2021);
    expect(hire?.budgetLines).toEqual([
      {
        fiscalYear: 2020,
        allocatedFen: y2020.totalFen,
        reservedFen: 4 * AMOUNT,
        paidFen: 0,
        remainingFen: y2020.remainingFen,
      },
      {
        fiscalYear: 2021,
        allocatedFen: hireLocal.budgetFen + 1_234_567,
        reservedFen: 0,
        paidFen: 0,
        remainingFen: hireLocal.budgetFen + 1_234_567,
      },
    ]);
    expect(hire).toMatchObject({
      budgetFen: y2020.totalFen + y2021.totalFen,
      reservedFen: 4 * AMOUNT,
      remainingFen: y2020.remainingFen + y2021.remainingFen,
    });
  });
});
