import type { Actor } from '../actor';
import type { BudgetLine } from '../budget';
import { instant } from '../calendar';
import { DomainError } from '../errors';
import type { PolicyId, UserId } from '../ids';
import { fen } from '../money';
import {
  approveBudgetChange,
  journalOf,
  rejectBudgetChange,
  requestBudgetChange,
  type RequestBudgetChange,
} from './budget-change';

const A: Actor = { kind: 'admin', userId: 'usr_adminA' as UserId };
const B: Actor = { kind: 'admin', userId: 'usr_adminB' as UserId };
const NOW = instant('2026-11-28T02:00:00Z');
const P = 'pol_hire-local' as PolicyId;
const Q = 'pol_hire-poor' as PolicyId;

const line = (remainingFen: number, committed = 0, policyId = P): BudgetLine => ({
  policyId,
  fiscalYear: 2026,
  allocatedFen: fen(remainingFen + committed),
  reservedFen: fen(committed),
  paidFen: fen(0),
  remainingFen: fen(remainingFen),
});

const req = (o: Partial<RequestBudgetChange> = {}): RequestBudgetChange => ({
  id: 'bch_0123456789abcdef0123456789abcdef',
  kind: 'top_up',
  line: { policyId: P, fiscalYear: 2026 },
  amountFen: 50_000,
  reason: '追加资金',
  documentNo: '高财预〔2026〕12号',
  ...o,
});

function refusal(f: () => unknown): [string, string | undefined] {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError)
      return [e.code, (e.details as { reason?: string } | undefined)?.reason];
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('budget changes (专账 journal, four eyes)', () => {
  it('a request moves nothing; another admin approves; the journal carries reason, 文号, requester and approver', () => {
    const r = requestBudgetChange(req(), { line: line(0) }, A, NOW);
    expect(r.next).toMatchObject({ status: 'requested', requestedBy: 'usr_adminA', version: 1 });
    expect(journalOf(r.next)).toEqual([]);
    expect(refusal(() => approveBudgetChange(r.next, { line: line(0) }, A, NOW))).toEqual([
      'FORBIDDEN',
      'FOUR_EYES',
    ]);
    const a = approveBudgetChange(r.next, { line: line(0) }, B, NOW);
    expect(a.events[0]).toMatchObject({ type: 'BudgetChangeApproved', from: 'requested' });
    expect(journalOf(a.next)).toEqual([
      {
        line: { policyId: P, fiscalYear: 2026 },
        deltaFen: 50_000,
        kind: 'top_up',
        changeId: r.next.id,
        reason: '追加资金',
        documentNo: '高财预〔2026〕12号',
        requestedBy: 'usr_adminA',
        approvedBy: 'usr_adminB',
        at: NOW,
      },
    ]);
    expect(refusal(() => approveBudgetChange(a.next, { line: line(0) }, A, NOW))[0]).toBe(
      'WRONG_STATE',
    );
  });

  it('a cut below what is committed is refused, at request and again at approval', () => {
    expect(
      refusal(() =>
        requestBudgetChange(
          req({ kind: 'cut', amountFen: 60_000 }),
          { line: line(50_000, 10_000) },
          A,
          NOW,
        ),
      ),
    ).toEqual(['BUDGET_EXHAUSTED', 'BELOW_COMMITTED']);
    const r = requestBudgetChange(
      req({ kind: 'cut', amountFen: 50_000 }),
      { line: line(50_000, 10_000) },
      A,
      NOW,
    );
    expect(
      refusal(() => approveBudgetChange(r.next, { line: line(40_000, 20_000) }, B, NOW)),
    ).toEqual(['BUDGET_EXHAUSTED', 'BELOW_COMMITTED']);
    expect(
      journalOf(approveBudgetChange(r.next, { line: line(50_000, 10_000) }, B, NOW).next),
    ).toEqual([expect.objectContaining({ deltaFen: -50_000, kind: 'cut' })]);
  });

  it('a transfer moves money out of one line and into another, never the same line', () => {
    const to = { policyId: Q, fiscalYear: 2026 };
    const lines = { line: line(80_000), toLine: line(0, 0, Q) };
    const r = requestBudgetChange(req({ kind: 'transfer', toLine: to }), lines, A, NOW);
    const entries = journalOf(approveBudgetChange(r.next, lines, B, NOW).next);
    expect(entries.map((e) => [e.line.policyId, e.deltaFen, e.counterpart?.policyId])).toEqual([
      [P, -50_000, Q],
      [Q, 50_000, P],
    ]);
    expect(entries.reduce((n, e) => n + e.deltaFen, 0)).toBe(0);
    expect(
      refusal(() =>
        requestBudgetChange(
          req({ kind: 'transfer', toLine: { policyId: P, fiscalYear: 2026 } }),
          lines,
          A,
          NOW,
        ),
      ),
    ).toEqual(['INVALID_INPUT', 'SAME_LINE']);
    expect(
      refusal(() => requestBudgetChange(req({ kind: 'transfer' }), { line: line(1) }, A, NOW)),
    ).toEqual(['INVALID_INPUT', 'NO_TARGET_LINE']);
  });

  it('refuses bad amounts, missing 文号 and non-admins; a rejection needs a reason and moves nothing', () => {
    expect(
      refusal(() => requestBudgetChange(req({ amountFen: 0 }), { line: line(0) }, A, NOW)),
    ).toEqual(['INVALID_INPUT', 'BAD_AMOUNT']);
    expect(
      refusal(() => requestBudgetChange(req({ amountFen: 1.5 }), { line: line(0) }, A, NOW))[1],
    ).toBe('BAD_AMOUNT');
    expect(
      refusal(() => requestBudgetChange(req({ documentNo: ' ' }), { line: line(0) }, A, NOW))[0],
    ).toBe('INVALID_INPUT');
    const auditor: Actor = { kind: 'auditor', userId: 'usr_aud1' as UserId };
    expect(refusal(() => requestBudgetChange(req(), { line: line(0) }, auditor, NOW))).toEqual([
      'FORBIDDEN',
      'NOT_ADMIN',
    ]);
    const r = requestBudgetChange(req(), { line: line(0) }, A, NOW);
    expect(refusal(() => rejectBudgetChange(r.next, { reason: '' }, B, NOW))[0]).toBe(
      'INVALID_INPUT',
    );
    const x = rejectBudgetChange(r.next, { reason: '文号有误' }, A, NOW); // the requester may withdraw it
    expect(x.next).toMatchObject({ status: 'rejected', rejectionReason: '文号有误' });
    expect(journalOf(x.next)).toEqual([]);
  });
});
