import { instant } from './calendar';
import type { Application } from './lifecycle/application';
import type { Objection } from './lifecycle/common';
import type { Grant } from './lifecycle/grant';
import { todosOf } from './todos';

const now = instant('2026-11-28T02:00:00Z');
const app = (id: string, status: Application['status'], extra: Partial<Application> = {}) =>
  ({ id, policyId: 'pol_a', policyVersion: 1, status, ...extra }) as unknown as Application;
const grant = (id: string, status: Grant['status']) =>
  ({ id, policyId: 'pol_b', policyVersion: 1, status }) as unknown as Grant;
const titleOf = (policyId: string) => (policyId === 'pol_a' ? '一次性创业补贴' : '交通补贴');

describe('todosOf', () => {
  it('lists a grant waiting for an account, 容缺 due, a return and a recent ruling; nothing else', () => {
    const ruledAt = instant('2026-11-20T02:00:00Z');
    const objections = [
      {
        id: 'obj_1',
        aggregateId: 'app_3',
        resolution: { upheld: false, note: '经核实符合条件', by: 'usr_x', at: ruledAt },
      },
      { id: 'obj_2', aggregateId: 'app_3' },
      {
        id: 'obj_3',
        aggregateId: 'app_3',
        resolution: { upheld: true, note: '', by: 'usr_x', at: instant('2026-09-01T00:00:00Z') },
      },
    ] as unknown as Objection[];
    const todos = todosOf(
      {
        applications: [
          app('app_1', 'pending_supplement', {
            supplementDueAt: instant('2026-12-05T15:59:59Z'),
          }),
          app('app_2', 'returned', { returnNote: '营业执照不清晰' }),
          app('app_3', 'review_l1'),
        ],
        grants: [grant('grt_1', 'awaiting_confirmation'), grant('grt_2', 'paid')],
        objections,
        titleOf,
      },
      now,
    );
    expect(todos.map((t) => t.key)).toEqual([
      'supplement_due:app_1',
      'confirm_account:grt_1',
      'returned:app_2',
      'objection_ruled:obj_1',
    ]);
    expect(todos[0]?.detail).toBe('一次性创业补贴：请于2026-12-05前补交');
    expect(todos[1]).toMatchObject({ grantId: 'grt_1', title: '请确认收款账户' });
    expect(todos[2]?.detail).toContain('营业执照不清晰');
    expect(todos[3]).toMatchObject({ applicationId: 'app_3' });
    expect(todos[3]?.detail).toContain('异议不成立');
  });

  it('is empty when nothing waits on the person', () => {
    expect(
      todosOf({ applications: [app('a', 'paid')], grants: [], objections: [], titleOf }, now),
    ).toEqual([]);
  });
});
