/**
 * The tasks waiting on a person (issue #17, the 待办 banners of the home page): a receiving
 * account to confirm, 容缺 materials due by a date, an application returned for correction,
 * an objection ruled on. Pure: the service loads the records and passes the clock in.
 */
import { addNaturalDaysAt, compareInstants, localDateOf, type Instant } from './calendar';
import { ID_PREFIX } from './ids';
import type { Objection } from './lifecycle/common';
import type { Application } from './lifecycle/application';
import type { Grant } from './lifecycle/grant';
import type { Todo } from './schemas/todo';

/** How long a ruling stays on the home page after it is made. */
export const RULING_SHOWN_DAYS = 30;

export interface TodoSources {
  applications: readonly Application[];
  grants: readonly Grant[];
  /** The objections this user raised. */
  objections: readonly Objection[];
  /** Policy title by the stored policy id and version. */
  titleOf: (policyId: string, version?: number) => string;
}

const GRANT_ACCOUNT_STATUSES: readonly Grant['status'][] = [
  'awaiting_confirmation',
  'awaiting_account',
  'returned',
];

function applicationTodo(a: Application, title: string): Todo | undefined {
  const base = { policyTitle: title, applicationId: a.id };
  switch (a.status) {
    case 'awaiting_account':
      return {
        ...base,
        key: `confirm_account:${a.id}`,
        kind: 'confirm_account',
        title: '请提供收款账户',
        detail: `${title}已审核通过，提供收款账户后即可拨付`,
      };
    case 'pending_supplement':
      return {
        ...base,
        key: `supplement_due:${a.id}`,
        kind: 'supplement_due',
        title: '请补交容缺材料',
        detail: a.supplementDueAt
          ? `${title}：请于${localDateOf(a.supplementDueAt)}前补交`
          : `${title}：请尽快补交`,
        ...(a.supplementDueAt ? { dueAt: a.supplementDueAt } : {}),
      };
    case 'returned':
      return {
        ...base,
        key: `returned:${a.id}`,
        kind: 'returned',
        title: '申请被退回，请补正',
        detail: a.returnNote ? `${title}：${a.returnNote}` : `${title}：请按退回意见补正后重新提交`,
      };
    default:
      return undefined;
  }
}

function grantTodo(g: Grant, title: string): Todo | undefined {
  if (!GRANT_ACCOUNT_STATUSES.includes(g.status)) return undefined;
  return {
    key: `confirm_account:${g.id}`,
    kind: 'confirm_account',
    title: g.status === 'returned' ? '款项被退回，请更正收款账户' : '请确认收款账户',
    detail: `${title}（免申即享）确认收款账户后即可发放`,
    policyTitle: title,
    grantId: g.id,
  };
}

function rulingTodo(
  o: Objection,
  now: Instant,
  titleOf: (aggregateId: string) => string,
): Todo | undefined {
  const r = o.resolution;
  if (!r) return undefined;
  if (compareInstants(now, addNaturalDaysAt(r.at, RULING_SHOWN_DAYS)) > 0) return undefined;
  const title = titleOf(o.aggregateId);
  const isGrant = o.aggregateId.startsWith(`${ID_PREFIX.grant}_`);
  return {
    key: `objection_ruled:${o.id}`,
    kind: 'objection_ruled',
    title: '您的异议已有处理结果',
    detail: `${title}：${r.upheld ? '异议成立' : '异议不成立'}${r.note ? `，${r.note}` : ''}`,
    policyTitle: title,
    ...(isGrant ? { grantId: o.aggregateId } : { applicationId: o.aggregateId }),
  };
}

/** Every task, deadlines first (earliest first), then accounts, returns and rulings. */
export function todosOf(s: TodoSources, now: Instant): Todo[] {
  const apps = new Map(s.applications.map((a) => [a.id as string, a]));
  const grants = new Map(s.grants.map((g) => [g.id as string, g]));
  const titleOfAggregate = (id: string): string => {
    const a = apps.get(id);
    if (a) return s.titleOf(a.policyId, a.policyVersion);
    const g = grants.get(id);
    return g ? s.titleOf(g.policyId, g.policyVersion) : '公示事项';
  };
  const todos = [
    ...s.applications.map((a) => applicationTodo(a, s.titleOf(a.policyId, a.policyVersion))),
    ...s.grants.map((g) => grantTodo(g, s.titleOf(g.policyId, g.policyVersion))),
    ...s.objections.map((o) => rulingTodo(o, now, titleOfAggregate)),
  ].filter((t): t is Todo => t !== undefined);
  const order: Record<Todo['kind'], number> = {
    supplement_due: 0,
    confirm_account: 1,
    returned: 2,
    objection_ruled: 3,
  };
  return todos.sort(
    (a, b) =>
      order[a.kind] - order[b.kind] ||
      (a.dueAt && b.dueAt ? compareInstants(a.dueAt as Instant, b.dueAt as Instant) : 0),
  );
}
