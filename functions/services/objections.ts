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
import type { ObjectionBody, ObjectionList } from '../../shared/schemas/application';
import type { ResolveObjectionBody } from '../../shared/schemas/review';
import { created, type Reply } from '../http/_lib/http-handler';
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
import { detailReply, noticeItems, requireVisible } from './applications';
import { once } from './idempotency';
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
  key: string | undefined,
  now: Date,
): Promise<Reply> {
  return once({ userId: actor.userId, scope: `objection:${id}`, key, request: body }, (guard) =>
    withRetry(async () => {
      const app = await getApplication(id);
      requireVisible(actor, app, 'object');
      const priorByObjector = await objectionCountBy(id, actor.userId);
      const t = raiseObjection(
        app,
        { objectionId: newId('objection'), text: body.text, priorByObjector },
        actor,
        instantOf(now),
      );
      const reply = created(objectionView(t.objection));
      await saveApplication(t.next, t.events, app.version, [
        ...newObjectionItems(id, t.objection, app.department),
        ...noticeItems(t.next, t.events, now),
        ...guard(reply),
      ]);
      return reply;
    }),
  );
}

/** 公示异议: the department's final-level reviewer upholds (→ rejected) or dismisses it; never their own. */
export function resolveApplicationObjection(
  actor: ReviewerActor,
  id: ApplicationId,
  objectionId: ObjectionId,
  body: ResolveObjectionBody,
  key: string | undefined,
  now: Date,
): Promise<Reply> {
  const scope = `resolve-objection:${objectionId}:${id}`;
  // a ruling that loses a race to a new objection (both bump the version) reloads and rules again
  return once({ userId: actor.userId, scope, key, request: body }, (guard) =>
    withRetry(async () => {
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
      const reply = await detailReply(t, events, actor, 200, listed);
      await saveApplication(t.next, t.events, application.version, [
        ruledObjectionItem(id, t.objection),
        ...noticeItems(t.next, t.events, now),
        ...guard(reply),
      ]);
      return reply;
    }),
  );
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
