/** GET /v1/me/todos: the tasks waiting on the signed-in person (issue #17, 首页 待办). */
import type { ApplicantActor } from '../../shared/actor';
import { catalogueIdOf } from '../../shared/auto-grant';
import { instantOf } from '../../shared/calendar';
import type { Grant } from '../../shared/lifecycle/grant';
import type { Objection } from '../../shared/lifecycle/common';
import type { TodoList } from '../../shared/schemas/todo';
import { todosOf } from '../../shared/todos';
import { listGrantsBySubject } from '../repositories/grants';
import { listObjectionsBy } from '../repositories/objections';
import { policyCatalogue } from './catalogue';
import { applicationsOfSubject } from './policies';

async function allPages<T>(
  page: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    all.push(...p.items);
    cursor = p.nextCursor;
  } while (cursor);
  return all;
}

export async function myTodos(actor: ApplicantActor, now: Date): Promise<TodoList> {
  const [applications, grants, objections, catalogue] = await Promise.all([
    applicationsOfSubject(actor.subjectId),
    allPages<Grant>((c) => listGrantsBySubject(actor.subjectId, c, 100)),
    allPages<Objection>((c) => listObjectionsBy(actor.subjectId, actor.userId, c, 100)),
    policyCatalogue(),
  ]);
  const titleOf = (policyId: string, version?: number) => {
    const id = catalogueIdOf(policyId);
    return catalogue.find(id, version)?.title ?? catalogue.find(id)?.title ?? '政策';
  };
  return { items: todosOf({ applications, grants, objections, titleOf }, instantOf(now)) };
}
