/**
 * 政策找企业 (issue #11), pure: when a version is published, the subjects it newly qualifies —
 * payable under it (eligible, an amount above 0) and not under the version it follows, judged
 * inside that version's own window — are
 * told, once per (version, subject), through the outbox. Judged with the same rule engine and
 * subject-kind test as the auto-grant run and the sandbox.
 */
import { subjectKindOfCode } from './auto-grant';
import type { IsoDate } from './facts/dates';
import type { Fact } from './facts/fact';
import type { SubjectId } from './ids';
import type { Notice } from './lifecycle/application-notices';
import { formatFen, fen } from './money';
import type { PolicyVersion } from './policies/types';
import type { ParamValues } from './rules/ast';
import { sandboxAsOf } from './sandbox';
import { compileRuleSet } from './rules/evaluate';

function payableFen(
  version: PolicyVersion,
  facts: readonly Fact[],
  asOf: IsoDate,
  params: ParamValues | undefined,
): number {
  try {
    const d = compileRuleSet(version, params).decide(facts, asOf);
    return d.eligible ? d.amountFen : 0;
  } catch {
    return 0;
  }
}

/** The subjects of a page the published version newly qualifies, with what it would pay. */
export function newlyQualified(
  subjects: readonly { readonly subjectId: SubjectId; readonly facts: readonly Fact[] }[],
  published: PolicyVersion,
  before: PolicyVersion | undefined,
  asOf: IsoDate,
  params?: ParamValues,
): { subjectId: SubjectId; amountFen: number }[] {
  const out: { subjectId: SubjectId; amountFen: number }[] = [];
  for (const s of subjects) {
    const code = s.facts[0]?.subjectId;
    if (code === undefined || subjectKindOfCode(code) !== published.subjectKind) continue;
    const amountFen = payableFen(published, s.facts, asOf, params);
    if (amountFen <= 0) continue;
    if (before && before.subjectKind === published.subjectKind) {
      // judged inside its own window: subjects it paid are not new to the renewed scheme
      if (payableFen(before, s.facts, sandboxAsOf(before, asOf), params) > 0) continue;
    }
    out.push({ subjectId: s.subjectId, amountFen });
  }
  return out;
}

/** The message: which policy, about how much, and what to do (apply, or nothing: 免申即享). */
export function policyNotice(p: PolicyVersion, amountFen: number, asOf: IsoDate): Notice {
  const about = `「${p.title}」`;
  const money = formatFen(fen(amountFen));
  const from = asOf > p.effectiveFrom ? '' : `，${p.effectiveFrom}起`;
  const text =
    p.mode === 'auto'
      ? `新政策${about}：按现有数据您符合条件，预计可获 ${money}${from}免申即享，无需申请`
      : `新政策${about}：按现有数据您符合条件，预计可获 ${money}${from}可在“直达”小程序申请，截止 ${p.effectiveTo}`;
  return { template: 'application_status', status: '新政策可享受', text };
}
