/**
 * The daily 超期 digest (issue 14, SLA watch is read): after the SLA watch flags a day's overdue
 * reviews, each department with any gets one notice per level-2 reviewer — through the outbox,
 * so the sender delivers it like any other notice and it shows in the reviewer's message centre.
 * Idempotent per (department, reviewer, day): the outbox id is derived from them and written
 * only if absent, so a rerun of the watch on the same day sends nothing new.
 */
import type { DepartmentCode } from '../../shared/actor';
import { DEPARTMENT_LABELS } from '../../shared/actor';
import { DomainError } from '../../shared/errors';
import { outboxItem } from '../repositories/outbox';
import type { SlaFlag } from '../repositories/sla-flags';
import { listStaff } from '../repositories/staff';
import { transact } from '../repositories/table';
import { listDevUsers } from '../repositories/users';

/** The level-2 reviewers of each department (admin-created staff and the seeded demo staff), enabled only. */
async function levelTwoReviewers(): Promise<Map<DepartmentCode, string[]>> {
  const [staff, dev] = await Promise.all([listStaff(), listDevUsers()]);
  const out = new Map<DepartmentCode, string[]>();
  const add = (dept: DepartmentCode, id: string) => {
    const ids = out.get(dept) ?? [];
    if (!ids.includes(id)) out.set(dept, [...ids, id]);
  };
  for (const s of staff)
    if (!s.disabled && s.user.role === 'reviewer' && s.user.level === 2)
      add(s.user.department, s.user.id);
  for (const u of dev)
    if (u.role === 'reviewer' && u.level === 2 && !staff.some((s) => s.user.id === u.id))
      add(u.department, u.id);
  return out;
}

/** The digest's text: how many, the longest overdue, and where to look. */
export function digestText(flags: readonly SlaFlag[]): string {
  const longest = Math.max(...flags.map((f) => f.overdueBy));
  return `${String(flags.length)} 件审核已超期，最长超期 ${String(longest)} 个工作日，请在审核队列优先处理`;
}

export async function writeSlaDigests(
  day: string,
  flags: readonly SlaFlag[],
  at: string,
): Promise<{ written: number; existing: number }> {
  const byDept = new Map<DepartmentCode, SlaFlag[]>();
  for (const f of flags) byDept.set(f.department, [...(byDept.get(f.department) ?? []), f]);
  if (byDept.size === 0) return { written: 0, existing: 0 };
  const reviewers = await levelTwoReviewers();
  let written = 0;
  let existing = 0;
  const version = Number(day.replaceAll('-', ''));
  for (const [dept, deptFlags] of byDept) {
    for (const userId of reviewers.get(dept) ?? []) {
      const recipient = `user:${userId}`;
      try {
        await transact(
          [
            outboxItem({
              // a staff notice has no subject: the recipient names whose message centre it is in
              recipient,
              aggregate: { kind: 'sla_digest', id: `sladigest_${dept}_${userId}`, version },
              notice: {
                template: 'sla_digest',
                status: '超期提醒',
                text: `${DEPARTMENT_LABELS[dept]}：${digestText(deptFlags)}`,
              },
              createdAt: at,
            }).item,
          ],
          () => new DomainError('CONFLICT', 'digest exists'),
        );
        written++;
      } catch (e) {
        if (e instanceof DomainError && e.code === 'CONFLICT') existing++;
        else throw e;
      }
    }
  }
  return { written, existing };
}
