/**
 * What a 免申即享 run would grant (issue #17: an admin confirms a county-wide run with the
 * count and total before starting it). The same page evaluation as the run (evaluatePage),
 * minus the grants that exist already and the benefits an application holds; summed here.
 */
import type { GrantCandidate } from './auto-grant';

export type RunPreview = {
  readonly asOf: string;
  readonly subjectsScanned: number;
  /** grants the run would create */
  readonly count: number;
  readonly totalFen: number;
  readonly byPolicy: {
    readonly policyId: string;
    readonly title: string;
    readonly count: number;
    readonly totalFen: number;
  }[];
  /** pairs not granted again: an existing grant, or an application holding the benefit */
  readonly alreadyGranted: number;
  readonly alreadyClaimed: number;
};

/** Per policy, in the order the policies are given (a policy with nothing to grant shows 0). */
export function summarisePreview(
  policies: readonly { readonly id: string; readonly title: string }[],
  toGrant: readonly Pick<GrantCandidate, 'policy' | 'amountFen'>[],
): Pick<RunPreview, 'count' | 'totalFen' | 'byPolicy'> {
  const byPolicy = policies.map((p) => {
    const mine = toGrant.filter((c) => c.policy.id === p.id);
    return {
      policyId: p.id,
      title: p.title,
      count: mine.length,
      totalFen: mine.reduce((s, c) => s + c.amountFen, 0),
    };
  });
  return {
    count: toGrant.length,
    totalFen: toGrant.reduce((s, c) => s + c.amountFen, 0),
    byPolicy,
  };
}
