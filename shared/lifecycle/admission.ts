/**
 * Admitting an application (POST /v1/applications), pure: whether this policy takes
 * applications at all, whether the subject may apply (its kind, the rules on the server's
 * facts, an amount above zero, no open application for the policy), and the drafted and
 * submitted application with its terms and entitlement. The service loads what this needs,
 * calls `admitApplication` once and saves the result with the entitlement claim.
 *
 * Every refusal carries a stable `details.reason` (callers and tests match on it, never on
 * the Chinese message):
 * - NOT_APPLIABLE (WRONG_STATE): auto-only (免申报), startup loans and 贴息 are not applied for here;
 * - SUBJECT_KIND_MISMATCH (NOT_ELIGIBLE): an enterprise policy for a person, or the reverse;
 * - RULES_NOT_MET (NOT_ELIGIBLE): the rules say no, or lack a fact; with the explanation;
 * - ZERO_AMOUNT (NOT_ELIGIBLE): eligible, but the facts give no amount;
 * - OPEN_APPLICATION (DUPLICATE): the subject already has an application of this policy in progress.
 */
import type { ApplicantActor } from '../actor';
import type { Instant } from '../calendar';
import { claimPeriodOf } from '../entitlement';
import { DomainError } from '../errors';
import type { Fact } from '../facts';
import type { FrozenFacts } from '../facts/frozen';
import type { IsoDate } from '../facts/dates';
import { deterministicId, type ApplicationId, type PolicyId } from '../ids';
import { fen, type Fen } from '../money';
import type { PolicyVersion } from '../policies/types';
import { evaluate, type Evaluation } from '../rules/evaluate';
import type { ParamValues } from '../rules/ast';
import { explanationView } from '../rules/explanation';
import type { ApplicationStatus } from '../vocabulary/status';
import {
  draftApplication,
  submit,
  type AccountCommand,
  type ApplicationEvent,
  type Application,
  type ApplicationTerms,
  type MaterialRef,
} from './application';
import type { Transition } from './common';

/**
 * 容缺 period: the seed (003 §四(二)4 "容缺受理") sets no length; the county gives 10
 * natural days to supplement, after which the application lapses.
 */
export const SUPPLEMENT_DAYS = 10;

/** Terminal or paid: a new application for the same policy may be made. */
export const CLOSED_APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'rejected',
  'withdrawn',
  'cancelled',
  'paid',
];
export const isOpen = (s: ApplicationStatus): boolean => !CLOSED_APPLICATION_STATUSES.includes(s);

/**
 * Policies this route takes: 依申请 subsidies and waivers ('apply', or 'both' where the
 * data did not prove it). Auto-only is 免申报; startup loans and their 贴息 follow the loan
 * lifecycle (DESIGN §4), not this one.
 */
export const isAppliable = (p: Pick<PolicyVersion, 'mode' | 'kind'>): boolean =>
  p.mode !== 'auto' && p.kind !== 'startup_loan' && p.kind !== 'loan_interest';

/**
 * Whether 可享政策 offers 立即申请: the rules say yes, the policy takes applications, the
 * benefit is not held already (a grant, or a paid or open application of the period), and
 * no application of the policy is in progress — what `admitApplication` will check.
 */
export function canApply(
  policy: Pick<PolicyVersion, 'mode' | 'kind'>,
  eligible: boolean,
  claimed: boolean,
  latest: Pick<Application, 'status'> | undefined,
): boolean {
  return (
    eligible && isAppliable(policy) && !claimed && !(latest !== undefined && isOpen(latest.status))
  );
}

/** What an application freezes of its policy version: cap, review levels, 公示, 容缺 and materials. */
export function termsOf(p: PolicyVersion): ApplicationTerms {
  return {
    capFen: fen(p.capFen),
    reviewLevels: p.reviewLevels,
    publicityDays: p.publicityDays,
    supplementDays: SUPPLEMENT_DAYS,
    materials: p.materials.map((m) => ({ code: m.id, name: m.name, optional: m.optional })),
  };
}

/** The stored id of a catalogue policy (`startup-grant` → `pol_startup-grant`). */
const policyIdOf = (catalogueId: string): PolicyId => deterministicId('policy', catalogueId);

/** Refuses a policy that does not take applications (reason NOT_APPLIABLE). */
export function requireAppliable(policy: Pick<PolicyVersion, 'mode' | 'kind'>): void {
  if (!isAppliable(policy))
    throw new DomainError('WRONG_STATE', '该政策无需或不能通过此途径申请', {
      reason: 'NOT_APPLIABLE',
      mode: policy.mode,
      kind: policy.kind,
    });
}

export type AdmissionInput = {
  readonly id: ApplicationId;
  readonly policy: PolicyVersion;
  /** the subject's kind; its name and kind also check the receiving account (`account.subject`) */
  readonly subjectKind: PolicyVersion['subjectKind'];
  /** the server's facts on the subject */
  readonly facts: readonly Fact[];
  /** the local date the rules are judged as of (today) */
  readonly asOf: IsoDate;
  /** the dated parameters' values (shared/policies: the published catalogue's) */
  readonly params?: ParamValues;
  /** the subject's applications (any policy) */
  readonly existing: readonly Pick<Application, 'id' | 'policyId' | 'status'>[];
  readonly materials: readonly MaterialRef[];
  /** what the applicant asks for; the rules' amount when absent */
  readonly requestedFen?: Fen;
  readonly account: AccountCommand;
  /** the facts this judgement used, frozen by the caller (it hashes them): kept on the application */
  readonly frozenFacts?: FrozenFacts;
};

export type Admission = {
  /** drafted and submitted in one step (pending_supplement when 容缺 materials are missing) */
  readonly transition: Transition<Application, ApplicationEvent>;
  /** the benefit period whose entitlement claim the application takes (shared/entitlement.ts) */
  readonly claimPeriod: string;
  readonly evaluation: Evaluation;
};

export function admitApplication(
  input: AdmissionInput,
  by: ApplicantActor,
  now: Instant,
): Admission {
  const { policy } = input;
  requireAppliable(policy);
  const evaluation = evaluate(policy, input.facts, input.asOf, { params: input.params });
  if (input.subjectKind !== policy.subjectKind)
    throw new DomainError('NOT_ELIGIBLE', '该政策不面向此类申请主体', {
      reason: 'SUBJECT_KIND_MISMATCH',
      explanation: explanationView(evaluation),
    });
  if (!evaluation.eligible)
    throw new DomainError('NOT_ELIGIBLE', '不符合该政策的申请条件', {
      reason: 'RULES_NOT_MET',
      explanation: explanationView(evaluation),
    });
  if (evaluation.amountFen <= 0)
    // Eligible, but the facts give no amount (e.g. no destination on file): nothing could be approved.
    throw new DomainError('NOT_ELIGIBLE', '按政策规则测算的应享金额为零，暂不能申请', {
      reason: 'ZERO_AMOUNT',
      explanation: explanationView(evaluation),
    });
  const policyId = policyIdOf(policy.id);
  const open = input.existing.find((a) => a.policyId === policyId && isOpen(a.status));
  if (open)
    throw new DomainError('DUPLICATE', '该政策已有办理中的申请', {
      reason: 'OPEN_APPLICATION',
      applicationId: open.id,
    });
  const claimPeriod = claimPeriodOf(policy.benefitPeriod, input.asOf);
  const drafted = draftApplication(
    {
      id: input.id,
      policyId,
      policyVersion: policy.version,
      subjectId: by.subjectId,
      department: policy.department,
      terms: termsOf(policy),
      materials: input.materials,
      requestedFen: input.requestedFen ?? evaluation.amountFen,
      computedFen: evaluation.uncappedAmountFen,
      claimPeriod,
      account: input.account,
    },
    by,
    now,
  );
  const submitted = submit(drafted.next, {}, by, now);
  const next = input.frozenFacts
    ? { ...submitted.next, frozenFacts: input.frozenFacts }
    : submitted.next;
  return {
    transition: { next, events: [...drafted.events, ...submitted.events] },
    claimPeriod,
    evaluation,
  };
}
