/**
 * 政策找企业 (issue #11), pure: when a version is published, the subjects it newly qualifies —
 * payable under it (eligible, an amount above 0) and not under the version it follows, judged
 * inside that version's own window — are
 * told, once per (version, subject), through the outbox. So are the subjects it misses by
 * exactly one condition: which condition, and what would meet it ("再稳定就业1个月即可申请",
 * the same near miss the matches page shows). Judged with the same rule engine and
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
import { nearMissOf } from './rules/near-miss';

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

/** A subject the published version misses by exactly one condition, and what would meet it. */
export interface OneShort {
  subjectId: SubjectId;
  condition: { id: string; label: string; detail: string };
  hint: string;
}

/**
 * The subjects of a page the published version misses by exactly one condition (judged as of
 * `asOf`, inside its window): ineligible with one failing condition, said by `nearMissOf`.
 * Undecided subjects (facts missing) and those two or more conditions short are not told.
 */
export function oneConditionShort(
  subjects: readonly { readonly subjectId: SubjectId; readonly facts: readonly Fact[] }[],
  published: PolicyVersion,
  asOf: IsoDate,
  params?: ParamValues,
): OneShort[] {
  const compiled = compileRuleSet(published, params);
  const out: OneShort[] = [];
  for (const s of subjects) {
    const code = s.facts[0]?.subjectId;
    if (code === undefined || subjectKindOfCode(code) !== published.subjectKind) continue;
    try {
      // the fast verdict first: only the ineligible are explained
      if (compiled.decide(s.facts, asOf).verdict !== 'ineligible') continue;
      const miss = nearMissOf(published, compiled.evaluate(s.facts, asOf), s.facts, params);
      const only = miss?.failing[0];
      if (miss?.failing.length !== 1 || !only || !miss.hint) continue;
      out.push({ subjectId: s.subjectId, condition: only, hint: miss.hint });
    } catch {
      continue; // facts the rules cannot read: not a near miss anyone can act on
    }
  }
  return out;
}

/** The near-miss message: the policy, the one condition not met (and what was found), the way to meet it. */
export function nearMissNotice(p: PolicyVersion, miss: OneShort): Notice {
  const found = miss.condition.detail ? `（目前${miss.condition.detail}）` : '';
  return {
    template: 'application_status',
    status: '还差一项',
    text: `新政策「${p.title}」：您只差一项条件「${miss.condition.label}」${found}，${miss.hint}`,
  };
}
