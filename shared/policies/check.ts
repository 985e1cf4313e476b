/**
 * The checks a policy document passes before it is saved even as a draft: its shape (zod,
 * with the offending path), every rule compiled against the fact schemas and the published
 * parameters (unknown fact paths, type mismatches, unknown parameter names, each reported
 * with the condition it is in), and every parameter it reads having a value on its first day.
 */
import { DomainError, invalidInput } from '../errors';
import type { Expr } from '../rules/ast';
import { compileExpr } from '../rules/compile';
import { paramNamesIn, paramValuesOf, valueOn, type Parameter } from './parameters';
import { parsePolicyVersion, type PolicyVersion } from './types';

function compileAt(
  rule: Expr,
  expect: 'boolean' | 'number',
  path: (string | number)[],
  what: string,
  params: ReturnType<typeof paramValuesOf>,
): void {
  try {
    compileExpr(rule, expect, params);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const at = (e.details as { at?: string } | undefined)?.at ?? '';
    throw invalidInput(`${what}：${e.message}`, {
      reason: 'RULE_INVALID',
      path: [...path, ...(at ? [at.replace(/^\./, '')] : [])],
      ...(e.details as object),
    });
  }
}

export function checkPolicyDocument(
  input: unknown,
  parameters: readonly Parameter[],
): PolicyVersion {
  const params = paramValuesOf(parameters);
  // Rules first, one by one, so an error names the condition it is in.
  const raw = input as { eligibility?: unknown; amount?: unknown } | null;
  const doc = (() => {
    try {
      return parsePolicyVersion(input, params);
    } catch (e) {
      if (
        e instanceof DomainError &&
        (e.details as { reason?: string } | undefined)?.reason !== 'POLICY_INVALID' &&
        raw !== null
      ) {
        // A compile error: find which rule it came from.
        const conditions = Array.isArray(raw.eligibility)
          ? (raw.eligibility as { rule: Expr; label?: string }[])
          : [];
        conditions.forEach((c, i) => {
          compileAt(
            c.rule,
            'boolean',
            ['eligibility', i, 'rule'],
            `条件「${c.label ?? String(i + 1)}」`,
            params,
          );
        });
        compileAt(raw.amount as Expr, 'number', ['amount'], '金额规则', params);
      }
      throw e;
    }
  })();
  const byName = new Map(parameters.map((p) => [p.name, p]));
  for (const name of paramNamesIn([doc.amount, ...doc.eligibility.map((c) => c.rule)])) {
    const p = byName.get(name);
    if (p && valueOn(p, doc.effectiveFrom) === undefined) {
      throw invalidInput(
        `参数「${p.label}」（${name}）在政策生效日 ${doc.effectiveFrom} 还没有取值`,
        {
          reason: 'PARAMETER_NOT_IN_FORCE',
          path: ['effectiveFrom'],
          parameter: name,
        },
      );
    }
  }
  return doc;
}

/** The parameters a version reads, for its guide (申兑指南). */
export function parametersOf(doc: PolicyVersion, parameters: readonly Parameter[]): Parameter[] {
  const names = new Set(paramNamesIn([doc.amount, ...doc.eligibility.map((c) => c.rule)]));
  return parameters.filter((p) => names.has(p.name));
}

/**
 * The titles of the policies that read a parameter, for the people who set it (issue #17: a
 * title, never the parameter's or the policy's id): each policy once, by its latest version in
 * `docs` (oldest first); when none reads it, the policy its name starts with
 * (`startup-loan.ceiling` → startup-loan), if `docs` has it.
 */
export function policyTitlesReading(name: string, docs: readonly PolicyVersion[]): string[] {
  const latest = new Map<string, PolicyVersion>();
  for (const d of docs) {
    const had = latest.get(d.id);
    if (!had || had.version < d.version) latest.set(d.id, d);
  }
  const reading = [...latest.values()].filter((d) =>
    paramNamesIn([d.amount, ...d.eligibility.map((c) => c.rule)]).includes(name),
  );
  if (reading.length > 0) return reading.map((d) => d.title);
  const owner = latest.get(name.split('.')[0] ?? '');
  return owner ? [owner.title] : [];
}
