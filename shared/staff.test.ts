import type { AdminActor } from './actor';
import type { UserId } from './ids';
import { changeStaff, type StaffAccount } from './staff';

const admin: AdminActor = { kind: 'admin', userId: 'usr_admin0001' as UserId };
const reviewer: StaffAccount = {
  user: {
    id: 'usr_rev000001' as UserId,
    name: '审核员',
    role: 'reviewer',
    department: 'hrss',
    level: 1,
  },
  disabled: false,
  claimed: true,
  version: 3,
};
const now = new Date('2026-01-05T02:00:00Z');

describe('changeStaff', () => {
  it('disables, then enables, each with an audit event at the next version', () => {
    const off = changeStaff(reviewer, { action: 'disable' }, admin, now);
    expect(off.next).toMatchObject({ disabled: true, version: 4 });
    expect(off.events).toEqual([
      {
        type: 'StaffDisabled',
        at: now.toISOString(),
        by: admin,
        userId: reviewer.user.id,
        version: 4,
      },
    ]);
    const on = changeStaff(off.next, { action: 'enable' }, admin, now);
    expect(on.next).toMatchObject({ disabled: false, version: 5 });
    expect(() => changeStaff(reviewer, { action: 'enable' }, admin, now)).toThrow(
      expect.objectContaining({ code: 'WRONG_STATE' }),
    );
    expect(() => changeStaff(off.next, { action: 'disable' }, admin, now)).toThrow(
      expect.objectContaining({ code: 'WRONG_STATE' }),
    );
  });

  it('changes a role or level, recording from and to', () => {
    const r = changeStaff(
      reviewer,
      { action: 'change', role: 'reviewer', department: 'hrss', level: 2 },
      admin,
      now,
    );
    expect(r.next.user).toEqual({
      id: reviewer.user.id,
      name: '审核员',
      role: 'reviewer',
      department: 'hrss',
      level: 2,
    });
    expect(r.events[0]).toMatchObject({
      type: 'StaffRoleChanged',
      from: { role: 'reviewer', level: 1 },
      to: { role: 'reviewer', level: 2 },
    });
    const a = changeStaff(reviewer, { action: 'change', role: 'auditor' }, admin, now);
    expect(a.next.user).toEqual({ id: reviewer.user.id, name: '审核员', role: 'auditor' });
    expect(() =>
      changeStaff(
        reviewer,
        { action: 'change', role: 'reviewer', department: 'hrss', level: 1 },
        admin,
        now,
      ),
    ).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));
  });

  it('refuses an admin changing their own account', () => {
    const self: StaffAccount = {
      user: { id: admin.userId, name: '管理员', role: 'admin' },
      disabled: false,
      claimed: true,
      version: 1,
    };
    expect(() => changeStaff(self, { action: 'disable' }, admin, now)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', details: { reason: 'CANNOT_CHANGE_SELF' } }),
    );
  });
});
