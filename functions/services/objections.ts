/**
 * 公示 objections (DESIGN §2, issue #10 case 7): raised by any applicant while an award is
 * announced, ruled on by the department's final-level reviewer. Each objection is its own
 * item, saved in the transaction that bumps the application's counters; the objector gets
 * back only their own objection and its ruling, never the application.
 */
import type { ApplicantActor, ReviewerActor } from '../../shared/actor';
import { instantOf } from '../../shared/calendar';
import type { ApplicationId, ObjectionId } from '../../shared/ids';
import { raiseObjection, resolveObjection } from '../../shared/lifecycle/application';
import type {
  ApplicationDetail,
  ObjectionBody,
  ObjectionList,
  ObjectionView,
} from '../../shared/schemas/application';
import type { ResolveObjectionBody } from '../../shared/schemas/review';
import { newId } from '../_lib/new-id';
import { getApplication, loadApplication, saveApplication } from '../repositories/applications';
import {
  findObjection,
  listObjectionsBy,
  newObjectionItems,
  objectionCountBy,
  objectionsOf,
  ruledObjectionItem,
} from '../repositories/objections';
import { detailAfter, noticeItems, requireVisible } from './applications';
import type { Guard } from './idempotency';
import { withRetry } from './retry';
import { objectionView } from './views';

/**
 * POST /v1/applications/{id}/objection → 201 with the objector's view of the new objection.
 * A lost race on the application's version (another objection, a ruling) reloads and tries
 * again, so concurrent objections are all counted; the 4th of one objector is refused
 * (OBJECTION_LIMIT) by the pure check and, under a race, by the counter's condition.
 */
export function objectToApplication(
  actor: ApplicantActor,
  id: ApplicationId,
  body: ObjectionBody,
  guard: Guard,
  now: Date,
): Promise<ObjectionView> {
  return withRetry(async () => {
    const app = await getApplication(id);
    requireVisible(actor, app, 'object');
    const priorByObjector = await objectionCountBy(id, actor.userId);
    const t = raiseObjection(
      app,
      { objectionId: newId('objection'), text: body.text, priorByObjector },
      actor,
      instantOf(now),
    );
    const view = objectionView(t.objection);
    await saveApplication(t.next, t.events, app.version, [
      ...newObjectionItems(id, t.objection, app.department),
      ...noticeItems(t.next, t.events, now),
      ...guard(view),
    ]);
    return view;
  });
}

/** 公示异议: the department's final-level reviewer upholds (→ rejected) or dismisses it; never their own. */
export function resolveApplicationObjection(
  actor: ReviewerActor,
  id: ApplicationId,
  objectionId: ObjectionId,
  body: ResolveObjectionBody,
  guard: Guard,
  now: Date,
): Promise<ApplicationDetail> {
  // a ruling that loses a race to a new objection (both bump the version) reloads and rules again
  return withRetry(async () => {
    const { application, events } = await loadApplication(id);
    requireVisible(actor, application);
    const objection = await findObjection(application, objectionId);
    const t = resolveObjection(
      application,
      objection,
      { objectionId, upheld: body.upheld, note: body.note },
      actor,
      instantOf(now),
    );
    const listed = (await objectionsOf(application)).map((o) =>
      o.id === t.objection.id ? t.objection : o,
    );
    const view = await detailAfter(t, events, actor, { objections: listed });
    await saveApplication(t.next, t.events, application.version, [
      ruledObjectionItem(id, t.objection),
      ...noticeItems(t.next, t.events, now),
      ...guard(view),
    ]);
    return view;
  });
}

/** GET /v1/me/objections: the objections this user raised, newest first, each with its ruling. */
export async function myObjections(
  actor: ApplicantActor,
  q: { cursor?: string; limit?: number },
): Promise<ObjectionList> {
  const page = await listObjectionsBy(actor.subjectId, actor.userId, q.cursor, q.limit);
  return {
    items: page.items.map(objectionView),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
