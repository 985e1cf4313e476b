/**
 * Golden cases stored with a policy version (OpenFisca's tests beside each formula): given
 * these facts on this date the verdict is X, the amount Y fen and the failing conditions Z.
 * Submitting a version for review and publishing it run them; one that fails refuses the
 * step with the case's name and what came out instead.
 */
import { z } from 'zod';
import { DomainError } from '../errors';
import { Fact } from '../facts/fact';
import { IsoDate } from '../facts/dates';
import { formatFen, type Fen } from '../money';
import type { ParamValues } from '../rules/ast';
import { evaluatePolicyOn } from './policy-catalogue';
import type { PolicyVersion } from './types';

export const PolicyGoldenCase = z.object({
  name: z.string().min(1).max(80),
  facts: z.array(Fact).max(50),
  asOf: IsoDate,
  verdict: z.enum(['eligible', 'ineligible', 'incomplete']),
  /** Expected amount in fen when eligible (0 otherwise; omitted: not checked). */
  amountFen: z.number().int().nonnegative().optional(),
  /** Ids of the conditions that must fail, exactly these (omitted: none). */
  failing: z.array(z.string()).optional(),
});
export type PolicyGoldenCase = z.infer<typeof PolicyGoldenCase>;

export const PolicyGoldenCases = z.array(PolicyGoldenCase).max(100);

const VERDICT_TEXT: Readonly<Record<string, string>> = {
  eligible: '符合',
  ineligible: '不符合',
  incomplete: '信息不全',
  error: '无法计算',
};
const verdictText = (v: string) => VERDICT_TEXT[v] ?? v;

export interface GoldenCaseFailure {
  index: number;
  name: string;
  expected: { verdict: string; amountFen?: number; failing: string[] };
  actual: { verdict: string; amountFen: number; failing: string[] };
  /** Chinese, for the admin. */
  why: string;
}

/** Runs every case; the failures, in order (empty: all pass). */
export function runGoldenCases(
  version: PolicyVersion,
  cases: readonly PolicyGoldenCase[],
  params: ParamValues,
): GoldenCaseFailure[] {
  const failures: GoldenCaseFailure[] = [];
  cases.forEach((c, index) => {
    let actual: GoldenCaseFailure['actual'];
    try {
      const e = evaluatePolicyOn(version, c.facts, c.asOf, params);
      actual = {
        verdict: e.verdict,
        amountFen: e.amountFen,
        failing: e.conditions.filter((x) => x.passed === false).map((x) => x.id),
      };
    } catch (err) {
      const why = err instanceof DomainError ? err.message : '无法计算';
      failures.push({
        index,
        name: c.name,
        expected: { verdict: c.verdict, failing: c.failing ?? [] },
        actual: { verdict: 'error', amountFen: 0, failing: [] },
        why,
      });
      return;
    }
    const expectedFailing = [...(c.failing ?? [])].sort();
    const reasons: string[] = [];
    // the admin reads 符合 / ¥5,000.00 / the conditions' labels, never codes or 分 (issue #17)
    if (actual.verdict !== c.verdict)
      reasons.push(
        `结论应为「${verdictText(c.verdict)}」，实际为「${verdictText(actual.verdict)}」`,
      );
    if (c.amountFen !== undefined && actual.amountFen !== c.amountFen)
      reasons.push(
        `金额应为 ${formatFen(c.amountFen as Fen)}，实际为 ${formatFen(actual.amountFen as Fen)}`,
      );
    if (JSON.stringify([...actual.failing].sort()) !== JSON.stringify(expectedFailing)) {
      const labels = (ids: readonly string[]) =>
        ids.length === 0
          ? '无'
          : ids
              .map((id) => `「${version.eligibility.find((x) => x.id === id)?.label ?? id}」`)
              .join('、');
      reasons.push(`不满足的条件应为${labels(expectedFailing)}，实际为${labels(actual.failing)}`);
    }
    if (reasons.length > 0) {
      failures.push({
        index,
        name: c.name,
        expected: {
          verdict: c.verdict,
          ...(c.amountFen === undefined ? {} : { amountFen: c.amountFen }),
          failing: expectedFailing,
        },
        actual,
        why: reasons.join('；'),
      });
    }
  });
  return failures;
}

/** Throws GOLDEN_CASE_FAILED (422) naming the first failing case (all failures in details). */
export function requireGoldenCasesPass(
  version: PolicyVersion,
  cases: readonly PolicyGoldenCase[],
  params: ParamValues,
): void {
  if (cases.length === 0) {
    throw new DomainError('GOLDEN_CASE_FAILED', '提交审核前须至少提供一个测试用例', {
      reason: 'GOLDEN_CASES_REQUIRED',
      path: ['goldenCases'],
    });
  }
  const failures = runGoldenCases(version, cases, params);
  const first = failures[0];
  if (first) {
    throw new DomainError('GOLDEN_CASE_FAILED', `测试用例「${first.name}」未通过：${first.why}`, {
      reason: 'GOLDEN_CASE_FAILED',
      path: ['goldenCases', first.index],
      failures,
    });
  }
}
