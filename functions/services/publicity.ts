/**
 * Public 公示 (issue 14, DESIGN §14): the list anyone reads without logging in, objections
 * raised from it with a phone number (rate limited per phone and per IP), the objector's own
 * outcome by objection id + code, the department's objection queue, and the ruling on a
 * grant's objection (as an application's: functions/services/objections.ts).
 *
 * An open objection keeps its item in 公示: the hourly close refuses it (OBJECTION_OPEN), so no
 * payment starts until the department has ruled.
 */
import { createHash, randomInt } from 'node:crypto';
import type { ReviewerActor } from '../../shared/actor';
import { addNaturalDaysAt, instantOf, localDateOf, type Instant } from '../../shared/calendar';
import { DomainError, notFound } from '../../shared/errors';
import type { ApplicationId, GrantId, ObjectionId } from '../../shared/ids';
import * as applicationLifecycle from '../../shared/lifecycle/application';
import type { Application } from '../../shared/lifecycle/application';
import type { Objection, PublicObjector, Transition } from '../../shared/lifecycle/common';
import * as grantLifecycle from '../../shared/lifecycle/grant';
import type { Grant } from '../../shared/lifecycle/grant';
import { maskPersonName, maskPhone } from '../../shared/mask';
import type { PolicyCatalogue } from '../../shared/policies';
import type {
  ObjectionQueuePage,
  PublicityEntry,
  PublicityPage,
  PublicityQuery,
  PublicObjectionBody,
  PublicObjectionOutcome,
  PublicObjectionReceipt,
} from '../../shared/schemas/publicity';
import type { ResolveObjectionBody } from '../../shared/schemas/review';
import { DEPARTMENT_LABELS, OBJECTION_STATUS_LABELS } from '../../shared/vocabulary';
import { contactRef } from '../_lib/keys';
import { newId } from '../_lib/new-id';
import { getApplication, saveApplication } from '../repositories/applications';
import { findGrantRecord, saveGrant } from '../repositories/grants';
import {
  findPublicObjection,
  findTargetObjection,
  newTargetObjectionItems,
  objectionCountOn,
  openObjectionsOf,
  publicObjectionPointerItem,
  ruledTargetObjectionItem,
  type ObjectionTarget,
} from '../repositories/objections';
import { publicityPage } from '../repositories/publicity';
import { rateLimitItem } from '../repositories/rate-limits';
import { noticeItems } from './applications';
import { policyCatalogue } from './catalogue';
import { grantOutbox } from './grant-notices';
import { policyRef, catalogueIdOf } from './policy-ref';
import { withRetry } from './retry';
import { subjectViews } from './views';

/** Objections one phone may raise per day, across every item; and one IP address. */
export const OBJECTIONS_PER_PHONE_PER_DAY = 5;
export const OBJECTIONS_PER_IP_PER_DAY = 20;

// ---- the public list ------------------------------------------------------------------

function entryOf(
  catalogue: PolicyCatalogue,
  kind: 'application' | 'grant',
  item: Application | Grant,
  amountFen: number,
  startsAt: Instant,
  endsAt: Instant,
  displayName: string,
): PublicityEntry {
  const policyId = catalogueIdOf(item.policyId);
  return {
    kind,
    id: item.id,
    policyId,
    policyTitle: catalogue.find(policyId, item.policyVersion)?.title ?? policyId,
    department: item.department,
    departmentLabel: DEPARTMENT_LABELS[item.department],
    name: displayName,
    amountFen,
    startsOn: localDateOf(startsAt),
    endsOn: localDateOf(endsAt),
    endsAt,
  };
}

/** GET /v1/publicity: items whose 公示 is running, applications then grants, by end date. */
export async function publicList(q: PublicityQuery, now: Date): Promise<PublicityPage> {
  const page = await publicityPage(
    {
      ...(q.policyId !== undefined ? { policyId: policyRef(q.policyId) } : {}),
      ...(q.department !== undefined ? { department: q.department } : {}),
    },
    instantOf(now),
    q.cursor,
    q.limit ?? 20,
  );
  const [catalogue, subjects] = await Promise.all([
    policyCatalogue(),
    subjectViews(page.items.map((i) => i.item.subjectId)),
  ]);
  const nameOf = (i: Application | Grant): string => {
    const s = subjects.get(i.subjectId);
    if (!s) return '***';
    return s.kind === 'person' ? maskPersonName(s.name) : s.name;
  };
  const items = page.items.map((i): PublicityEntry => {
    if (i.kind === 'application') {
      const a = i.item;
      const endsAt = a.publicityEndsAt ?? instantOf(now);
      return entryOf(
        catalogue,
        'application',
        a,
        a.approvedFen ?? 0,
        a.decidedAt ?? endsAt,
        endsAt,
        nameOf(a),
      );
    }
    const g = i.item;
    const endsAt = g.publicityEndsAt ?? instantOf(now);
    return entryOf(
      catalogue,
      'grant',
      g,
      g.amountFen,
      addNaturalDaysAt(endsAt, -g.publicityDays),
      endsAt,
      nameOf(g),
    );
  });
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

// ---- objecting from the list -----------------------------------------------------------

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newCode = () =>
  Array.from({ length: 10 }, () => CODE_ALPHABET.charAt(randomInt(CODE_ALPHABET.length))).join('');
const codeHashOf = (code: string) => createHash('sha256').update(code).digest('base64url');

function statusOf(o: Objection) {
  const status = o.resolution === undefined ? 'open' : o.resolution.upheld ? 'upheld' : 'dismissed';
  return { status, statusLabel: OBJECTION_STATUS_LABELS[status] } as const;
}

/**
 * POST /v1/publicity/{kind}/{id}/objections (no login): the objection is stored as a
 * signed-in one is, counted on the item (which then cannot leave 公示 until it is ruled on),
 * listed in the department's objection queue, and limited per phone (per item and per day)
 * and per IP address per day, all in the item's transaction.
 */
export async function objectPublicly(
  target: ObjectionTarget,
  body: PublicObjectionBody,
  sourceIp: string,
  now: Date,
): Promise<PublicObjectionReceipt> {
  const objector: PublicObjector = {
    ref: `phone:${contactRef('phone', body.phone)}`,
    phoneMasked: maskPhone(body.phone),
  };
  const day = localDateOf(instantOf(now));
  const limits = [
    rateLimitItem({
      scope: 'objection-phone',
      who: objector.ref,
      window: day,
      max: OBJECTIONS_PER_PHONE_PER_DAY,
      nowMs: now.getTime(),
      reason: 'OBJECTION_RATE_PHONE',
    }),
    rateLimitItem({
      scope: 'objection-ip',
      who: contactRef('ip', sourceIp),
      window: day,
      max: OBJECTIONS_PER_IP_PER_DAY,
      nowMs: now.getTime(),
      reason: 'OBJECTION_RATE_IP',
    }),
  ];
  const code = newCode();
  const objectionId = newId('objection');
  const at = instantOf(now);
  const objection = await withRetry(async () => {
    const priorByObjector = await objectionCountOn(target, objector.ref);
    const cmd = { objectionId, text: body.text, priorByObjector };
    if (target.kind === 'application') {
      const app = await getApplication(target.id);
      const t = applicationLifecycle.raisePublicObjection(app, cmd, objector, at);
      await saveApplication(t.next, t.events, app.version, [
        ...newTargetObjectionItems(target, t.objection, app.department),
        publicObjectionPointerItem(target, objectionId, codeHashOf(code)),
        ...limits,
        ...noticeItems(t.next, t.events, now),
      ]);
      return t.objection;
    }
    const record = await findGrantRecord(target.id);
    if (!record) throw notFound('公示事项');
    const g = record.grant;
    const t = grantLifecycle.raisePublicObjection(g, cmd, objector, at);
    await saveGrant(t.next, t.events, g.version, {
      with: [
        ...newTargetObjectionItems(target, t.objection, g.department),
        publicObjectionPointerItem(target, objectionId, codeHashOf(code)),
        ...limits,
        ...grantOutbox(t.next, t.events, at),
      ],
      now: at,
    });
    return t.objection;
  });
  return { objectionId: objection.id, code, raisedAt: objection.raisedAt, ...statusOf(objection) };
}

/** GET /v1/publicity/objections/{objectionId}?code=: the objector's own objection and ruling. */
export async function publicObjectionOutcome(
  id: ObjectionId,
  code: string,
): Promise<PublicObjectionOutcome> {
  const found = await findPublicObjection(id);
  // a wrong code and an unknown id answer alike: ids cannot be probed
  if (!found?.objection || found.codeHash !== codeHashOf(code)) throw notFound('异议');
  const o = found.objection;
  return {
    objectionId: o.id,
    text: o.text,
    raisedAt: o.raisedAt,
    ...statusOf(o),
    ...(o.resolution
      ? { ruling: { upheld: o.resolution.upheld, note: o.resolution.note, at: o.resolution.at } }
      : {}),
  };
}

// ---- the department's side ---------------------------------------------------------------

/** GET /v1/review/objections: the reviewer's department's open objections, oldest first. */
export async function objectionQueue(
  actor: ReviewerActor,
  q: { cursor?: string; limit?: number },
): Promise<ObjectionQueuePage> {
  const page = await openObjectionsOf(actor.department, q.cursor, q.limit);
  return {
    items: page.items.map(({ target, objection: o }) => ({
      objectionId: o.id,
      kind: target.kind,
      itemId: target.id,
      text: o.text,
      raisedAt: o.raisedAt,
      channel: o.channel === 'public' ? 'public' : 'signed_in',
      ...(o.contactMasked !== undefined ? { contactMasked: o.contactMasked } : {}),
    })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/**
 * POST /v1/grants/{id}/objections/{objectionId}/resolve: a reviewer of the grant's department
 * upholds (the grant is cancelled, its claim released) or dismisses the objection.
 */
export async function resolveGrantObjection(
  actor: ReviewerActor,
  id: GrantId,
  objectionId: ObjectionId,
  body: ResolveObjectionBody,
  now: Date,
): Promise<{ grantId: GrantId; status: Grant['status']; objection: PublicObjectionOutcome }> {
  const at = instantOf(now);
  return withRetry(async () => {
    const record = await findGrantRecord(id);
    if (!record) throw notFound('发放记录');
    const g = record.grant;
    if (g.department !== actor.department)
      throw new DomainError('FORBIDDEN', '不属于本部门的发放', { reason: 'NOT_YOUR_DEPARTMENT' });
    const target: ObjectionTarget = { kind: 'grant', id };
    const objection = await findTargetObjection(target, objectionId);
    const t: Transition<Grant, grantLifecycle.GrantEvent> & { objection: Objection } =
      grantLifecycle.resolveObjection(
        g,
        objection,
        { objectionId, upheld: body.upheld, note: body.note },
        actor,
        at,
      );
    await saveGrant(t.next, t.events, g.version, {
      with: [ruledTargetObjectionItem(target, t.objection), ...grantOutbox(t.next, t.events, at)],
      now: at,
    });
    const o = t.objection;
    return {
      grantId: id,
      status: t.next.status,
      objection: {
        objectionId: o.id,
        text: o.text,
        raisedAt: o.raisedAt,
        ...statusOf(o),
        ...(o.resolution
          ? {
              ruling: {
                upheld: o.resolution.upheld,
                note: o.resolution.note,
                at: o.resolution.at,
              },
            }
          : {}),
      },
    };
  });
}

/** An application id or a grant id from the public path, as a target. */
export function publicityTarget(kind: 'application' | 'grant', id: string): ObjectionTarget {
  if (kind === 'application' && id.startsWith('app_')) return { kind, id: id as ApplicationId };
  if (kind === 'grant' && id.startsWith('grt_')) return { kind, id: id as GrantId };
  throw notFound('公示事项');
}
