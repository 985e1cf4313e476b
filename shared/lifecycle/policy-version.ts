/**
 * A policy version as published data (issue #11, DESIGN §3):
 *
 *   draft → in_review → published → retired
 *     ↑________|  (returned for changes)
 *
 * - Only admins act. Author and publisher are different people (four eyes): whoever created
 *   or edited the draft cannot publish it.
 * - Submitting and publishing run the version's golden cases; a failing case refuses the step
 *   (GOLDEN_CASE_FAILED, naming the case).
 * - A published version is immutable: a change is a new version. Two published versions of one
 *   policy may not have overlapping windows, so "the version in force on a date" is unique.
 * - Retiring stops new applications and runs; items already open finish under their version.
 *
 * Dated parameters (`setParameterValue`) are published data too: a value from a date on.
 */
import { actorRef, type Actor } from '../actor';
import type { Instant } from '../calendar';
import { DomainError, forbidden, invalidInput, wrongState } from '../errors';
import type { UserId } from '../ids';
import type { ParamValues } from '../rules/ast';
import { requireGoldenCasesPass, type PolicyGoldenCase } from '../policies/golden-cases';
import { withValueFrom, type Parameter, type ParameterUnit } from '../policies/parameters';
import type { PolicyVersion } from '../policies/types';
import { requireText, type EventBase, type StatusChange, type Transition } from './common';
import { requireAdmin } from './guards';

export const POLICY_VERSION_STATUSES = ['draft', 'in_review', 'published', 'retired'] as const;
export type PolicyVersionStatus = (typeof POLICY_VERSION_STATUSES)[number];

export const POLICY_VERSION_TRANSITIONS: Readonly<
  Record<PolicyVersionStatus, readonly PolicyVersionStatus[]>
> = {
  draft: ['in_review'],
  in_review: ['draft', 'published'],
  published: ['retired'],
  retired: [],
};

export const POLICY_VERSION_STATUS_LABELS: Record<PolicyVersionStatus, string> = {
  draft: '草稿',
  in_review: '待发布审核',
  published: '已发布',
  retired: '已停止',
};

export type PolicyVersionRecord = {
  readonly policyId: string;
  readonly policyVersion: number;
  readonly status: PolicyVersionStatus;
  readonly document: PolicyVersion;
  readonly goldenCases: readonly PolicyGoldenCase[];
  readonly createdBy: UserId;
  /** Everyone who wrote the document (the creator included): none of them may publish it. */
  readonly editors: readonly UserId[];
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
  readonly submittedBy?: UserId;
  readonly publishedBy?: UserId;
  readonly publishedAt?: Instant;
  readonly retiredBy?: UserId;
  readonly retiredAt?: Instant;
  readonly retireReason?: string;
  /** Optimistic-lock revision of this record (not the policy's version number). */
  readonly version: number;
};

type Base = EventBase & { readonly policyId: string; readonly policyVersion: number };
type Change = Base & StatusChange<PolicyVersionStatus>;
export type PolicyVersionEvent =
  | (Change & { readonly type: 'PolicyVersionDrafted'; readonly copiedFrom?: number })
  | (Base & { readonly type: 'PolicyVersionEdited' })
  | (Change & { readonly type: 'PolicyVersionSubmitted'; readonly goldenCases: number })
  | (Change & { readonly type: 'PolicyVersionReturned'; readonly note: string })
  | (Change & {
      readonly type: 'PolicyVersionPublished';
      readonly effectiveFrom: string;
      readonly effectiveTo: string;
    })
  | (Change & { readonly type: 'PolicyVersionRetired'; readonly reason: string })
  | (Change & { readonly type: 'PolicyVersionSeeded' });

type T = Transition<PolicyVersionRecord, PolicyVersionEvent>;

export type NewDraft = {
  /** Parsed and type-checked (parsePolicyVersion against the published parameters). */
  readonly document: PolicyVersion;
  readonly goldenCases: readonly PolicyGoldenCase[];
  /** The version numbers this policy id already has (any status). */
  readonly existingVersions: readonly number[];
  /** 'policy': a new policy (its id must be new); 'version': the next version of an existing one. */
  readonly as: 'policy' | 'version';
  readonly copiedFrom?: number;
};

/** A new draft: version 1 of a new policy, or the next version number of an existing one. */
export function createDraft(cmd: NewDraft, by: Actor, now: Instant): T {
  requireAdmin(by);
  const id = cmd.document.id;
  if (cmd.as === 'policy' && cmd.existingVersions.length > 0) {
    throw new DomainError('DUPLICATE', `政策编号「${id}」已存在`, {
      reason: 'DUPLICATE_POLICY_ID',
      path: ['document', 'id'],
    });
  }
  if (cmd.as === 'version' && cmd.existingVersions.length === 0) {
    throw new DomainError('NOT_FOUND', `政策「${id}」不存在`);
  }
  const policyVersion = Math.max(0, ...cmd.existingVersions) + 1;
  const userId = by.userId;
  const next: PolicyVersionRecord = {
    policyId: id,
    policyVersion,
    status: 'draft',
    document: { ...cmd.document, version: policyVersion },
    goldenCases: cmd.goldenCases,
    createdBy: userId,
    editors: [userId],
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  return {
    next,
    events: [
      {
        type: 'PolicyVersionDrafted',
        from: null,
        to: 'draft',
        policyId: id,
        policyVersion,
        ...(cmd.copiedFrom === undefined ? {} : { copiedFrom: cmd.copiedFrom }),
        by: actorRef(by),
        at: now,
        version: 1,
      },
    ],
  };
}

/** Replaces a draft's document and golden cases (its id and version number stay). */
export function editDraft(
  r: PolicyVersionRecord,
  cmd: { readonly document: PolicyVersion; readonly goldenCases: readonly PolicyGoldenCase[] },
  by: Actor,
  now: Instant,
): T {
  requireAdmin(by);
  if (r.status !== 'draft') {
    throw new DomainError(
      'WRONG_STATE',
      `${POLICY_VERSION_STATUS_LABELS[r.status]}的版本不能修改；如需修改请新建版本`,
      { reason: 'NOT_DRAFT', state: r.status },
    );
  }
  if (cmd.document.id !== r.policyId) {
    throw invalidInput('不能修改政策编号', { reason: 'ID_CHANGED', path: ['document', 'id'] });
  }
  const next: PolicyVersionRecord = {
    ...r,
    document: { ...cmd.document, version: r.policyVersion },
    goldenCases: cmd.goldenCases,
    editors: r.editors.includes(by.userId) ? r.editors : [...r.editors, by.userId],
    updatedAt: now,
    version: r.version + 1,
  };
  return { next, events: [base('PolicyVersionEdited', next, by, now)] };
}

function base<K extends 'PolicyVersionEdited'>(
  type: K,
  r: PolicyVersionRecord,
  by: Actor,
  now: Instant,
) {
  return {
    type,
    policyId: r.policyId,
    policyVersion: r.policyVersion,
    by: actorRef(by),
    at: now,
    version: r.version,
  };
}

function change(r: PolicyVersionRecord, to: PolicyVersionStatus, by: Actor, now: Instant) {
  return {
    from: r.status,
    to,
    policyId: r.policyId,
    policyVersion: r.policyVersion,
    by: actorRef(by),
    at: now,
    version: r.version + 1,
  };
}

/** draft → in_review, once its golden cases hold. */
export function submitForReview(
  r: PolicyVersionRecord,
  ctx: { readonly params: ParamValues },
  by: Actor,
  now: Instant,
): T {
  requireAdmin(by);
  if (r.status !== 'draft') throw wrongState(POLICY_VERSION_STATUS_LABELS[r.status], '提交审核');
  requireGoldenCasesPass(r.document, r.goldenCases, ctx.params);
  const next: PolicyVersionRecord = {
    ...r,
    status: 'in_review',
    submittedBy: by.userId,
    updatedAt: now,
    version: r.version + 1,
  };
  return {
    next,
    events: [
      {
        type: 'PolicyVersionSubmitted',
        ...change(r, 'in_review', by, now),
        goldenCases: r.goldenCases.length,
      },
    ],
  };
}

/** in_review → draft: sent back for changes, with a note. */
export function returnToDraft(
  r: PolicyVersionRecord,
  cmd: { readonly note: string },
  by: Actor,
  now: Instant,
): T {
  requireAdmin(by);
  if (r.status !== 'in_review')
    throw wrongState(POLICY_VERSION_STATUS_LABELS[r.status], '退回修改');
  const note = requireText(cmd.note, '退回意见');
  const next: PolicyVersionRecord = {
    ...r,
    status: 'draft',
    updatedAt: now,
    version: r.version + 1,
  };
  return {
    next,
    events: [{ type: 'PolicyVersionReturned', ...change(r, 'draft', by, now), note }],
  };
}

/** Windows [from, to] overlap when each starts no later than the other ends. */
const overlaps = (a: PolicyVersion, b: PolicyVersion) =>
  a.effectiveFrom <= b.effectiveTo && b.effectiveFrom <= a.effectiveTo;

/**
 * in_review → published, by an admin who did not write it; its golden cases run again and
 * its window may not overlap another published version of the same policy.
 */
export function publish(
  r: PolicyVersionRecord,
  ctx: {
    readonly params: ParamValues;
    /** The policy's other published (not retired) versions. */
    readonly published: readonly PolicyVersion[];
  },
  by: Actor,
  now: Instant,
): T {
  requireAdmin(by);
  if (r.status !== 'in_review') throw wrongState(POLICY_VERSION_STATUS_LABELS[r.status], '发布');
  if (r.editors.includes(by.userId)) {
    throw forbidden('起草或修改该版本的人员不能发布该版本，须由另一名管理员发布', {
      reason: 'FOUR_EYES',
    });
  }
  const clash = ctx.published.find((p) => p.version !== r.policyVersion && overlaps(p, r.document));
  if (clash) {
    throw invalidInput(
      `有效期与已发布的第${String(clash.version)}版（${clash.effectiveFrom} 至 ${clash.effectiveTo}）重叠；请调整有效期或先停止旧版本`,
      {
        reason: 'OVERLAPPING_VERSIONS',
        path: ['document', 'effectiveFrom'],
        version: clash.version,
      },
    );
  }
  requireGoldenCasesPass(r.document, r.goldenCases, ctx.params);
  const next: PolicyVersionRecord = {
    ...r,
    status: 'published',
    publishedBy: by.userId,
    publishedAt: now,
    updatedAt: now,
    version: r.version + 1,
  };
  return {
    next,
    events: [
      {
        type: 'PolicyVersionPublished',
        ...change(r, 'published', by, now),
        effectiveFrom: r.document.effectiveFrom,
        effectiveTo: r.document.effectiveTo,
      },
    ],
  };
}

/** published → retired: no new applications or runs; open items finish under this version. */
export function retire(
  r: PolicyVersionRecord,
  cmd: { readonly reason: string },
  by: Actor,
  now: Instant,
): T {
  requireAdmin(by);
  if (r.status !== 'published') throw wrongState(POLICY_VERSION_STATUS_LABELS[r.status], '停止');
  const reason = requireText(cmd.reason, '停止原因');
  const next: PolicyVersionRecord = {
    ...r,
    status: 'retired',
    retiredBy: by.userId,
    retiredAt: now,
    retireReason: reason,
    updatedAt: now,
    version: r.version + 1,
  };
  return {
    next,
    events: [{ type: 'PolicyVersionRetired', ...change(r, 'retired', by, now), reason }],
  };
}

/** Who wrote the seeds: bootstrap, not a person. */
export const BOOTSTRAP_USER = 'usr_bootstrap' as UserId;
const BOOTSTRAP: Actor = { kind: 'system', job: 'bootstrap' };

/**
 * A seed document as its policy's first published version (bootstrap, DESIGN §3): checked
 * like any other (the caller parsed it) and already reviewed in the seed files' own tests.
 */
export function seedPublishedVersion(
  document: PolicyVersion,
  goldenCases: readonly PolicyGoldenCase[],
  now: Instant,
): T {
  const next: PolicyVersionRecord = {
    policyId: document.id,
    policyVersion: document.version,
    status: 'published',
    document,
    goldenCases,
    createdBy: BOOTSTRAP_USER,
    editors: [BOOTSTRAP_USER],
    createdAt: now,
    updatedAt: now,
    publishedBy: BOOTSTRAP_USER,
    publishedAt: now,
    version: 1,
  };
  return {
    next,
    events: [
      {
        type: 'PolicyVersionSeeded',
        from: null,
        to: 'published',
        policyId: document.id,
        policyVersion: document.version,
        by: BOOTSTRAP,
        at: now,
        version: 1,
      },
    ],
  };
}

// ── dated parameters ─────────────────────────────────────────────────────────

/** A new value waiting for a second admin's approval (shared/lifecycle/parameter-change.ts). */
export type ParameterProposal = {
  readonly from: string;
  readonly value: number;
  readonly note?: string;
  readonly proposedBy: UserId;
  readonly proposedAt: Instant;
};

export type ParameterRecord = Parameter & {
  readonly updatedAt: Instant;
  readonly updatedBy: UserId;
  /** Optimistic-lock revision. */
  readonly version: number;
  /** Values proposed and not yet approved: no rule reads them. */
  readonly proposals?: readonly ParameterProposal[];
};

export type ParameterEvent = EventBase & {
  /** Set: the value holds from `from` (approved, when `proposedBy` is there); Proposed / Rejected: four eyes. */
  readonly type: 'ParameterValueSet' | 'ParameterValueProposed' | 'ParameterValueRejected';
  readonly name: string;
  readonly from: string;
  readonly value: number;
  /** The value that held from the same day before, if any. */
  readonly previous?: number;
  /** Who proposed the value an approval or a rejection decides. */
  readonly proposedBy?: Actor;
  readonly note?: string;
  /** Why a proposal was rejected. */
  readonly reason?: string;
};

export type SetParameterValue = {
  readonly name: string;
  readonly from: string;
  readonly value: number;
  /** Required when the parameter is new. */
  readonly label?: string;
  readonly unit?: ParameterUnit;
  readonly note?: string;
};

/**
 * A value from a date on. Past days are closed: a value may take effect today at the earliest,
 * so what was decided on earlier days is never re-judged under a new figure.
 */
/** A seed parameter as first written by bootstrap. */
export function seedParameter(
  p: Parameter,
  now: Instant,
): Transition<ParameterRecord, ParameterEvent> {
  const next: ParameterRecord = { ...p, updatedAt: now, updatedBy: BOOTSTRAP_USER, version: 1 };
  return {
    next,
    events: p.values.map((v) => ({
      type: 'ParameterValueSet' as const,
      name: p.name,
      from: v.from,
      value: v.value,
      by: BOOTSTRAP,
      at: now,
      version: 1,
    })),
  };
}

export function setParameterValue(
  current: ParameterRecord | undefined,
  cmd: SetParameterValue,
  today: string,
  by: Actor,
  now: Instant,
): Transition<ParameterRecord, ParameterEvent> {
  requireAdmin(by);
  if (cmd.from < today) {
    throw invalidInput(`参数取值只能从今天（${today}）或以后生效`, {
      reason: 'RETROACTIVE',
      path: ['from'],
    });
  }
  if (!current && (cmd.label === undefined || cmd.unit === undefined)) {
    throw invalidInput('新参数须填写名称（label）和单位（unit）', {
      reason: 'NEW_PARAMETER_INCOMPLETE',
      path: [cmd.label === undefined ? 'label' : 'unit'],
    });
  }
  const previous = current?.values.find((v) => v.from === cmd.from)?.value;
  const baseParam: Parameter = current ?? {
    name: cmd.name,
    label: cmd.label ?? cmd.name,
    unit: cmd.unit ?? 'fen',
    values: [],
  };
  const merged = withValueFrom(baseParam, cmd.from, cmd.value);
  const version = (current?.version ?? 0) + 1;
  const next: ParameterRecord = {
    name: merged.name,
    label: cmd.label ?? merged.label,
    unit: cmd.unit ?? merged.unit,
    ...((cmd.note ?? merged.note) === undefined ? {} : { note: cmd.note ?? merged.note }),
    values: merged.values,
    updatedAt: now,
    updatedBy: by.userId,
    version,
  };
  return {
    next,
    events: [
      {
        type: 'ParameterValueSet',
        name: cmd.name,
        from: cmd.from,
        value: cmd.value,
        ...(previous === undefined ? {} : { previous }),
        by: actorRef(by),
        at: now,
        version,
      },
    ],
  };
}
