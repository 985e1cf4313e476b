import type { AdminActor } from '../actor';
import { DomainError } from '../errors';
import type { UserId } from '../ids';
import {
  approveParameterValue,
  proposeParameterValue,
  rejectParameterValue,
} from './parameter-change';
import { setParameterValue, type ParameterRecord } from './policy-version';
import { T0, admin } from './testing';

const other: AdminActor = { kind: 'admin', userId: 'usr_admin_other' as UserId };
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError)
      return `${e.code}:${(e.details as { reason?: string } | undefined)?.reason ?? ''}`;
    throw e;
  }
  return 'ok';
};
const base: ParameterRecord = setParameterValue(
  undefined,
  { name: 'a.b', from: '2026-01-01', value: 100_000, label: '标准', unit: 'fen' },
  '2026-01-01',
  admin,
  T0,
).next;

describe('four eyes on a parameter value', () => {
  const proposed = proposeParameterValue(
    base,
    { from: '2027-01-01', value: 150_000, note: '提标' },
    '2026-06-01',
    admin,
    T0,
  );

  it('a proposal changes no value a rule reads, and is recorded with who proposed it', () => {
    expect(proposed.next.values).toEqual(base.values);
    expect(proposed.next.proposals).toEqual([
      {
        from: '2027-01-01',
        value: 150_000,
        note: '提标',
        proposedBy: admin.userId,
        proposedAt: T0,
      },
    ]);
    expect(proposed.next.version).toBe(base.version + 1);
    expect(proposed.events[0]).toMatchObject({ type: 'ParameterValueProposed', value: 150_000 });
  });

  it('refuses a past date, a second proposal for the same date, and the proposer approving', () => {
    expect(
      code(() =>
        proposeParameterValue(base, { from: '2026-05-31', value: 1 }, '2026-06-01', admin, T0),
      ),
    ).toBe('INVALID_INPUT:RETROACTIVE');
    expect(
      code(() =>
        proposeParameterValue(
          proposed.next,
          { from: '2027-01-01', value: 1 },
          '2026-06-01',
          other,
          T0,
        ),
      ),
    ).toBe('WRONG_STATE:PROPOSAL_PENDING');
    expect(
      code(() => approveParameterValue(proposed.next, '2027-01-01', '2026-06-01', admin, T0)),
    ).toBe('FORBIDDEN:FOUR_EYES');
    expect(
      code(() => approveParameterValue(proposed.next, '2027-01-01', '2027-01-02', other, T0)),
    ).toBe('INVALID_INPUT:RETROACTIVE');
    expect(code(() => approveParameterValue(base, '2027-01-01', '2026-06-01', other, T0))).toBe(
      'WRONG_STATE:NO_PROPOSAL',
    );
  });

  it('another admin approves: the value holds from its date, the event names both', () => {
    const t = approveParameterValue(proposed.next, '2027-01-01', '2026-06-01', other, T0);
    expect(t.next.values).toEqual([
      { from: '2026-01-01', value: 100_000 },
      { from: '2027-01-01', value: 150_000 },
    ]);
    expect(t.next.proposals).toEqual([]);
    expect(t.next.updatedBy).toBe(other.userId);
    expect(t.events[0]).toMatchObject({
      type: 'ParameterValueSet',
      proposedBy: { kind: 'admin', userId: admin.userId },
      by: { kind: 'admin', userId: other.userId },
    });
  });

  it('a rejection needs a reason and drops the proposal', () => {
    expect(code(() => rejectParameterValue(proposed.next, '2027-01-01', ' ', other, T0))).toBe(
      'INVALID_INPUT:',
    );
    const t = rejectParameterValue(proposed.next, '2027-01-01', '未经会议研究', admin, T0);
    expect(t.next.proposals).toEqual([]);
    expect(t.next.values).toEqual(base.values);
    expect(t.events[0]).toMatchObject({ type: 'ParameterValueRejected', reason: '未经会议研究' });
  });
});
