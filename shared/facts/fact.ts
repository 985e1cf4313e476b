/**
 * A fact is one feed's statement about one subject, valid over a period
 * (OpenFisca's lesson: a rule is evaluated *as of* a date, never against "the latest").
 *
 * Period choice: an inclusive ISO date range `{ from, to }`, `to: null` while the statement
 * is still current. A month or a year is just a range (2020-03-01…2020-03-31,
 * 2020-01-01…2020-12-31), so one shape covers monthly social-insurance snapshots, yearly
 * award lists and open-ended registrations alike, and "valid on day D" is one comparison.
 * The period says when the *statement* holds; values that describe another time carry it
 * themselves (`contributionYear`, `hiredOn`, `awards[].year`).
 */
import { z } from 'zod';
import { invalidInput } from '../errors';
import { IsoDate, isWithin } from './dates';
import { FactSource, VALUES_BY_SOURCE, type ValuesOf } from './sources';

export const Period = z
  .object({ from: IsoDate, to: IsoDate.nullable() })
  .refine((p) => p.to === null || p.from <= p.to, { error: '期间开始日期不能晚于结束日期' });
export type Period = z.infer<typeof Period>;

/** 统一社会信用代码 or 居民身份证号; checksums are `shared/subject.ts`'s job, not this module's. */
export const SubjectId = z.string().min(1).max(64);

function factOf<S extends FactSource>(source: S) {
  return z.object({
    subjectId: SubjectId,
    source: z.literal(source),
    period: Period,
    values: VALUES_BY_SOURCE[source],
  });
}

export const Fact = z.discriminatedUnion('source', [
  factOf('market_registry'),
  factOf('social_insurance'),
  factOf('tax'),
  factOf('lease_registry'),
  factOf('poverty_registry'),
  factOf('award_list'),
  factOf('loan_registry'),
  factOf('employment_registry'),
]);
export type Fact = z.infer<typeof Fact>;

/** What the rules see: per source, the values valid on the evaluation date. */
export type FactView = { readonly [S in FactSource]?: ValuesOf<S> };

/**
 * For each source, the fact whose period contains `asOf`. When periods overlap (a correction
 * re-imported over an old snapshot) the one starting latest wins; on a tie the later
 * element of `facts` wins, i.e. the later import.
 */
export function factsAsOf(facts: readonly Fact[], asOf: IsoDate): FactView {
  const view: Record<string, unknown> = {};
  for (const fact of factsInForce(facts, asOf)) view[fact.source] = fact.values;
  return view;
}

/**
 * The fact records `factsAsOf` reads on `asOf`, one per source, in source order: what a
 * judgement on that day used, and what is frozen with it (shared/facts/frozen.ts).
 */
export function factsInForce(facts: readonly Fact[], asOf: IsoDate): Fact[] {
  const chosen = new Map<FactSource, Fact>();
  for (const fact of facts) {
    if (!isWithin(asOf, fact.period.from, fact.period.to)) continue;
    const current = chosen.get(fact.source);
    if (current === undefined || current.period.from <= fact.period.from)
      chosen.set(fact.source, fact);
  }
  return [...chosen.values()].sort((a, b) => (a.source < b.source ? -1 : 1));
}

/** Rules judge one subject at a time; mixing two subjects' facts is a caller bug worth stopping. */
export function assertOneSubject(facts: readonly Fact[]): void {
  const first = facts[0];
  if (first === undefined) return;
  const other = facts.find((f) => f.subjectId !== first.subjectId);
  if (other)
    throw invalidInput('事实数据属于多个主体', { subjectIds: [first.subjectId, other.subjectId] });
}

/** Parse facts at a boundary (import, HTTP body); `DomainError` with zod's issues on failure. */
export function parseFacts(input: unknown): Fact[] {
  const result = z.array(Fact).safeParse(input);
  if (!result.success) throw invalidInput('事实数据格式不正确', z.treeifyError(result.error));
  return result.data;
}
