/**
 * The rule engine's evaluation as the API shows it (shared/schemas/policy `Explanation`):
 * the verdict, the amounts and every condition with the values it used. Pure; the services
 * and the admission step (shared/lifecycle/admission.ts) both build it here.
 */
import { factValuesText } from '../facts/labels';
import type { Explanation } from '../schemas/policy';
import type { Evaluation } from './evaluate';

export function explanationView(e: Evaluation): Explanation {
  return {
    policyId: e.policyId,
    version: e.version,
    asOf: e.asOf,
    verdict: e.verdict,
    eligible: e.eligible,
    amountFen: e.amountFen,
    uncappedAmountFen: e.uncappedAmountFen,
    capApplied: e.capApplied,
    conditions: e.conditions.map((c) => ({
      id: c.id,
      label: c.label,
      passed: c.passed,
      values: c.values,
      detail: factValuesText(c.values),
    })),
    missingFacts: e.missingFacts,
  };
}
