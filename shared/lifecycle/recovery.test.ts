import { DomainError } from '../errors';
import type { PolicyId, SubjectId } from '../ids';
import { fen } from '../money';
import { isAllowedEdge } from './common';
import {
  openRecovery,
  recordRecovered,
  RECOVERY_TRANSITIONS,
  recoveryIdFor,
  writeOff,
  type OpenRecoveryInput,
} from './recovery';
import type { AuditorActor } from '../actor';
import type { UserId } from '../ids';
import { T0, admin, applicant, hrss1, system } from './testing';

const auditor: AuditorActor = { kind: 'auditor', userId: 'usr_auditor1' as UserId };

const input: OpenRecoveryInput = {
  itemKind: 'grant',
  itemId: 'grt_hire-local~sub_1~2020',
  itemStatus: 'paid',
  policyId: 'pol_hire-local' as PolicyId,
  subjectId: 'sub_1' as SubjectId,
  paidFen: fen(100_000),
  amountFen: fen(40_000),
  reason: '审计发现',
};
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'ok';
};

describe('追回 lifecycle', () => {
  it('opens once per item on a paid item, admin (or auditor) only, amount in (0, paid], reason required', () => {
    const t = openRecovery(input, admin, T0);
    expect(t.next).toMatchObject({
      id: recoveryIdFor('grant', input.itemId),
      status: 'open',
      amountFen: 40_000,
    });
    expect(t.events).toEqual([
      expect.objectContaining({
        type: 'RecoveryOpened',
        from: null,
        to: 'open',
        reason: '审计发现',
      }),
    ]);
    for (const by of [applicant, hrss1, system()])
      expect(code(() => openRecovery(input, by, T0))).toBe('FORBIDDEN');
    expect(code(() => openRecovery({ ...input, itemStatus: 'paying' }, admin, T0))).toBe(
      'WRONG_STATE',
    );
    expect(code(() => openRecovery({ ...input, amountFen: fen(100_001) }, admin, T0))).toBe(
      'INVALID_INPUT',
    );
    expect(code(() => openRecovery({ ...input, amountFen: fen(0) }, admin, T0))).toBe(
      'INVALID_INPUT',
    );
    expect(code(() => openRecovery({ ...input, reason: ' ' }, admin, T0))).toBe('INVALID_INPUT');
    expect(openRecovery({ ...input, amountFen: fen(100_000) }, admin, T0).next.amountFen).toBe(
      100_000,
    );
  });

  it('ends recovered or written off, once, along the table', () => {
    const open = openRecovery(input, admin, T0).next;
    const back = recordRecovered(open, { note: '已缴回' }, admin, T0);
    const off = writeOff(open, { reason: '企业注销' }, admin, T0);
    for (const t of [back, off]) {
      const e = t.events[0]!;
      expect(isAllowedEdge(RECOVERY_TRANSITIONS, 'open', e.to)).toBe(true);
      expect(t.next.version).toBe(open.version + 1);
      expect(code(() => recordRecovered(t.next, { note: '再次' }, admin, T0))).toBe('WRONG_STATE');
      expect(code(() => writeOff(t.next, { reason: '再次' }, admin, T0))).toBe('WRONG_STATE');
    }
    expect(code(() => writeOff(open, { reason: '' }, admin, T0))).toBe('INVALID_INPUT');
    expect(code(() => recordRecovered(open, { note: '已缴回' }, hrss1, T0))).toBe('FORBIDDEN');
  });

  it("an auditor opens a recovery (an audit finding) but cannot close it: recovered or written off is an admin's", () => {
    const t = openRecovery(input, auditor, T0);
    expect(t.next).toMatchObject({ status: 'open', amountFen: 40_000 });
    expect(t.events[0]!.by).toEqual({ kind: 'auditor', userId: auditor.userId });
    for (const f of [
      () => recordRecovered(t.next, { note: '已缴回' }, auditor, T0),
      () => writeOff(t.next, { reason: '企业注销' }, auditor, T0),
    ]) {
      expect(code(f)).toBe('FORBIDDEN');
    }
    expect(recordRecovered(t.next, { note: '已缴回' }, admin, T0).next.status).toBe('recovered');
  });
});
