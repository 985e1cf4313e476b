/**
 * A snapshot of the published catalogue: every published (or retired) policy version and the
 * parameter table, as loaded once per request (functions/services/catalogue.ts). Pure: the
 * services pass it into the rule engine, so shared/ never reads the table.
 *
 * Which version applies: on an as-of date, the published, not retired version whose window
 * [effectiveFrom, effectiveTo] contains it ("in force"); applications and grants keep the
 * (id, version) they were judged by and look it up with `find(id, version)`, retired or not.
 */
import type { Fact } from '../facts/fact';
import type { ParamValues } from '../rules/ast';
import { evaluate, decide, type Decision, type Evaluation } from '../rules/evaluate';
import { paramValuesOf, type Parameter } from './parameters';
import type { PolicyVersion } from './types';

export type CatalogueStatus = 'published' | 'retired';

export interface CatalogueEntry {
  readonly document: PolicyVersion;
  readonly status: CatalogueStatus;
}

/** The pure entry point for a sandbox or an editor: one version, one subject, one date. */
export function evaluatePolicyOn(
  version: PolicyVersion,
  facts: readonly Fact[],
  asOf: string,
  params: ParamValues,
): Evaluation {
  return evaluate(version, facts, asOf, { params });
}

export class PolicyCatalogue {
  readonly params: ParamValues;
  private readonly byId = new Map<string, CatalogueEntry[]>();

  /** `entries` in display order (ids keep the order of their first entry). */
  constructor(
    entries: readonly CatalogueEntry[],
    readonly parameters: readonly Parameter[],
  ) {
    this.params = paramValuesOf(parameters);
    for (const e of entries) {
      const list = this.byId.get(e.document.id) ?? [];
      list.push(e);
      this.byId.set(e.document.id, list);
    }
    for (const list of this.byId.values())
      list.sort((a, b) => a.document.version - b.document.version);
  }

  /** A given version (retired or not), or without `version` the latest live one. */
  find(id: string, version?: number): PolicyVersion | undefined {
    const list = this.byId.get(id) ?? [];
    if (version !== undefined) return list.find((e) => e.document.version === version)?.document;
    return this.latestLive(id);
  }

  isRetired(id: string, version: number): boolean {
    return (this.byId.get(id) ?? []).some(
      (e) => e.document.version === version && e.status === 'retired',
    );
  }

  /** The published, not retired version in force on `asOf`. */
  inForce(id: string, asOf: string): PolicyVersion | undefined {
    return (this.byId.get(id) ?? []).find(
      (e) =>
        e.status === 'published' &&
        e.document.effectiveFrom <= asOf &&
        asOf <= e.document.effectiveTo,
    )?.document;
  }

  /**
   * One version per live policy: the one in force on `asOf`, else the latest published one
   * (judged out of its window, so the applicant sees why). Fully retired policies are left out.
   */
  list(asOf?: string): PolicyVersion[] {
    const out: PolicyVersion[] = [];
    for (const id of this.byId.keys()) {
      const v = (asOf === undefined ? undefined : this.inForce(id, asOf)) ?? this.latestLive(id);
      if (v) out.push(v);
    }
    return out;
  }

  /** Every version of every policy with its status (admin listings). */
  entries(): CatalogueEntry[] {
    return [...this.byId.values()].flat();
  }

  evaluate(version: PolicyVersion, facts: readonly Fact[], asOf: string): Evaluation {
    return evaluatePolicyOn(version, facts, asOf, this.params);
  }

  decide(version: PolicyVersion, facts: readonly Fact[], asOf: string): Decision {
    return decide(version, facts, asOf, this.params);
  }

  private latestLive(id: string): PolicyVersion | undefined {
    const live = (this.byId.get(id) ?? []).filter((e) => e.status === 'published');
    return live[live.length - 1]?.document;
  }
}
