/**
 * Domain → response bodies (shared/schemas). Personal numbers are masked here: an
 * ID-card number never appears in a list or a detail; a USCC is public registry data.
 */
import { displayCodeOf } from '../../shared/display-code';
import { DEPARTMENT_LABELS, OBJECTION_STATUS_LABELS } from '../../shared/vocabulary';
import type { Actor } from '../../shared/actor';
import type { SubjectId } from '../../shared/ids';
import {
  APPLICATION_STATUS_LABELS,
  approvalLimitFen,
  type Application,
  type ApplicationEvent,
} from '../../shared/lifecycle/application';
import { describeEvent, type MaterialNames } from '../../shared/lifecycle/application-notices';
import { maskIdNumber } from '../../shared/mask';
import { maskPayee } from '../../shared/payee';
import {
  parameterValueText,
  parametersOf,
  valueOn,
  PARAMETER_UNIT_LABELS,
  type PolicyCatalogue,
  type PolicyVersion,
} from '../../shared/policies';
import type { PolicyDetail, PolicySummary } from '../../shared/schemas/policy';
import type { Objection } from '../../shared/lifecycle/common';
import type {
  ApplicationDetail,
  ApplicationRecovery,
  ApplicationSummary,
  ObjectionView,
  TimelineEntry,
  FrozenFactsView,
} from '../../shared/schemas/application';
import { RECOVERY_STATUS_LABELS, type Recovery } from '../../shared/lifecycle/recovery';
import type { SubjectView } from '../../shared/schemas/auth';
import type { Subject } from '../../shared/subject';
import { findSubject } from '../repositories/subjects';
import type { FactVersion } from '../repositories/facts';
import { SOURCE_LABELS, type FrozenFacts } from '../../shared/facts';
import { catalogueIdOf, policyOf } from './policy-ref';

export function subjectView(s: Subject): SubjectView {
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    code: s.kind === 'person' ? maskIdNumber(s.idNumber) : s.uscc,
  };
}

/** Subject views for a page of items, one read per distinct subject. */
export async function subjectViews(
  ids: readonly SubjectId[],
): Promise<Map<SubjectId, SubjectView>> {
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((id) => findSubject(id)));
  const out = new Map<SubjectId, SubjectView>();
  found.forEach((s) => s && out.set(s.id, subjectView(s)));
  return out;
}

export function policySummary(p: PolicyVersion): PolicySummary {
  return {
    id: p.id,
    version: p.version,
    title: p.title,
    summary: p.summary,
    department: p.department,
    departmentName: DEPARTMENT_LABELS[p.department],
    kind: p.kind,
    subjectKind: p.subjectKind,
    mode: p.mode,
    effectiveFrom: p.effectiveFrom,
    effectiveTo: p.effectiveTo,
    capFen: p.capFen as PolicySummary['capFen'],
  };
}

/**
 * The guide's figures: each parameter the rules read, with its value on `asOf` and any later
 * value already published ("自 2027-01-01 起为 150000"), from the same table the rules use.
 */
function guideParameters(p: PolicyVersion, catalogue: PolicyCatalogue, asOf: string) {
  return parametersOf(p, catalogue.parameters).map((x) => {
    const current = valueOn(x, asOf) ?? x.values[0]?.value ?? 0;
    const later = x.values.filter((v) => v.from > asOf);
    const unit = PARAMETER_UNIT_LABELS[x.unit];
    const upcoming = later
      .map((v) => `自 ${v.from} 起为 ${parameterValueText(v.value, x.unit)}`)
      .join('；');
    return {
      name: x.label,
      value: current,
      unit,
      text: parameterValueText(current, x.unit),
      note: [x.note, upcoming].filter((s) => s !== undefined && s !== '').join('。'),
    };
  });
}

export function policyDetail(
  p: PolicyVersion,
  catalogue: PolicyCatalogue,
  asOf: string,
): PolicyDetail {
  return {
    ...policySummary(p),
    eligibility: p.eligibility.map((c) => ({ id: c.id, label: c.label })),
    materials: p.materials.map((m) => ({ id: m.id, name: m.name, optional: m.optional })),
    reviewLevels: p.reviewLevels,
    publicityDays: p.publicityDays,
    paymentSlaWorkingDays: p.paymentSlaWorkingDays,
    office: p.office,
    phone: p.phone,
    complaintPhone: p.complaintPhone,
    parameters: guideParameters(p, catalogue, asOf),
    source: p.source,
  };
}

export { explanationView } from '../../shared/rules/explanation';

export function applicationSummary(
  catalogue: PolicyCatalogue,
  app: Application,
  applicant?: SubjectView,
): ApplicationSummary {
  const policy = policyOf(catalogue, app);
  return {
    id: app.id,
    displayCode: displayCodeOf(app.id, app.createdAt),
    policyId: catalogueIdOf(app.policyId),
    policyTitle: policy.title,
    department: app.department,
    status: app.status,
    statusLabel: APPLICATION_STATUS_LABELS[app.status],
    ...(applicant ? { applicant } : {}),
    requestedFen: app.requestedFen,
    approvedFen: app.approvedFen,
    createdAt: app.createdAt,
    submittedAt: app.submittedAt,
    supplementDueAt: app.supplementDueAt,
    publicityEndsAt: app.publicityEndsAt,
    version: app.version,
  };
}

const materialNamesOf =
  (app: Application): MaterialNames =>
  (code) =>
    app.terms.materials.find((m) => m.code === code)?.name ?? code;

export function timelineEntry(e: ApplicationEvent, materialName?: MaterialNames): TimelineEntry {
  return {
    at: e.at,
    type: e.type,
    ...('to' in e ? { from: e.from, to: e.to } : {}),
    text: describeEvent(e, materialName),
    by: e.by.kind,
  };
}

/**
 * The detail view. Objection texts (read from their own items) are shown to the owner and
 * staff; another subject's applicant sees none of them, nor the materials. (An objector who
 * is not the owner never gets this view: see objectionView.)
 */
export function applicationDetail(
  catalogue: PolicyCatalogue,
  app: Application,
  events: readonly ApplicationEvent[],
  viewer: Actor,
  applicant?: SubjectView,
  objections: readonly Objection[] = [],
  recovery?: Recovery,
): ApplicationDetail {
  const insider = viewer.kind !== 'applicant' || viewer.subjectId === app.subjectId;
  const provided = new Map(app.materials.map((m) => [m.code, m]));
  return {
    ...applicationSummary(catalogue, app, applicant),
    policyVersion: app.policyVersion,
    capFen: app.terms.capFen,
    entitlementFen: approvalLimitFen(app),
    reviewLevels: app.terms.reviewLevels,
    materials: insider
      ? app.terms.materials.map((r) => {
          const given = provided.get(r.code);
          return {
            materialId: r.code,
            name: r.name,
            optional: r.optional,
            provided: given !== undefined,
            ...(given ? { uploadId: given.uploadKey.split('/').at(-1) } : {}),
            ...(given?.contentType ? { contentType: given.contentType } : {}),
          };
        })
      : [],
    recommendedFen: app.recommendedFen,
    ...(insider && app.payee ? { account: maskPayee(app.payee) } : {}),
    returnNote: app.returnNote,
    rejectionReason: app.rejectionReason,
    decidedAt: app.decidedAt,
    objections: insider
      ? objections.map((o) => ({
          id: o.id,
          text: o.text,
          raisedAt: o.raisedAt,
          resolved: o.resolution !== undefined,
          ...(o.resolution ? { upheld: o.resolution.upheld } : {}),
        }))
      : [],
    timeline: events.map((e) => timelineEntry(e, materialNamesOf(app))),
    ...(insider && recovery ? { recovery: applicationRecovery(recovery) } : {}),
  };
}

/** 资金追回 as the owner sees it: status, amount, the ground and dates; no operator's closing note. */
export function applicationRecovery(r: Recovery): ApplicationRecovery {
  return {
    status: r.status,
    statusLabel: RECOVERY_STATUS_LABELS[r.status],
    amountFen: r.amountFen,
    reason: r.reason,
    openedAt: r.openedAt,
    ...(r.closedAt ? { closedAt: r.closedAt } : {}),
  };
}

/** The objector's view of their own objection: the text, and the ruling once there is one. */
export function objectionView(o: Objection): ObjectionView {
  const status = o.resolution === undefined ? 'open' : o.resolution.upheld ? 'upheld' : 'dismissed';
  return {
    id: o.id,
    applicationId: o.aggregateId,
    text: o.text,
    raisedAt: o.raisedAt,
    status,
    statusLabel: OBJECTION_STATUS_LABELS[status],
    ...(o.resolution
      ? { ruling: { upheld: o.resolution.upheld, note: o.resolution.note, at: o.resolution.at } }
      : {}),
  };
}

/** The frozen facts as staff and the owner see them: sources, periods, imports, hash (values via the explanation). */
export function frozenFactsView(
  frozen: FrozenFacts,
  versions: readonly FactVersion[],
  intact: boolean,
): FrozenFactsView {
  return {
    hash: frozen.hash,
    asOf: frozen.asOf,
    policyVersion: frozen.policyVersion,
    intact,
    facts: versions.map((v) => ({
      source: v.fact.source,
      sourceLabel: SOURCE_LABELS[v.fact.source],
      period: v.fact.period,
      importId: v.importId,
      recordedAt: v.recordedAt,
    })),
  };
}
