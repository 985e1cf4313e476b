/**
 * The records an auto-grant run leaves to the table's stream (issue 16). With
 * AUTO_GRANT_RECORDS=stream the run's only synchronous write per grant is its entitlement
 * claim, carrying the new grant (repositories/claims.ts): measured on DynamoDB Local, half the
 * engine's work of the grant + claim pair it wrote before. The stream's INSERT of that claim
 * reaches `deriveCarriedGrant`, which writes the grant itself, its creation events
 * (GrantDetected, then ConfirmationRequested or PublicityStarted) and its notice in one
 * transaction, each item only where none is, then takes the copy off the claim. The claim
 * keeps exactly-once as before: a benefit's claim is taken once, a grant key written once.
 *
 * A grant stored without its events (written by a run of an earlier release) still reaches
 * `deriveGrantCreation` through its own INSERT, which writes what the run would have written,
 * once (functions/repositories/grants.ts putCreationRecords). Both recompute the creation with
 * the same pure lifecycle (`detectGrant`, at the grant's detectedAt, by the same system actor).
 *
 * The recomputed grant must equal the stored one, field for field: if it does not (a
 * lifecycle change since the grant was written), nothing is written and the error goes back
 * to the stream, which retries and finally parks the record on the dead-letter queue, rather
 * than an audit trail that says something the grant does not.
 */
import { isDeepStrictEqual } from 'node:util';
import type { SystemActor } from '../../shared/actor';
import { fen } from '../../shared/money';
import { DomainError } from '../../shared/errors';
import { detectGrant, type Grant } from '../../shared/lifecycle/grant';
import { dropCarriedGrant } from '../repositories/claims';
import { findGrantRecord, putCreationRecords, saveGrant } from '../repositories/grants';
import { grantOutbox } from './grant-notices';

const SYSTEM: SystemActor = { kind: 'system', job: 'auto-grant' };

/** Where the run's derived records are written: 'stream' on AWS (serverless.yml), else in the run's transaction. */
export const derivedOnStream = (): boolean => process.env.AUTO_GRANT_RECORDS === 'stream';

/** A value as DynamoDB stores it: undefined fields dropped, key order irrelevant. */
const normal = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

/** The creation `detectGrant` makes of this stored grant: refused if it is not the same grant. */
function recreate(stored: Grant) {
  const t = detectGrant(
    {
      policyId: stored.policyId,
      policyVersion: stored.policyVersion,
      subjectId: stored.subjectId,
      period: stored.period,
      ...(stored.claimPeriod === undefined ? {} : { claimPeriod: stored.claimPeriod }),
      department: stored.department,
      amountFen: stored.amountFen,
      capFen: fen(stored.amountFen),
      publicityDays: stored.publicityDays,
      payee: stored.payee,
      ...(stored.frozenFacts ? { frozenFacts: stored.frozenFacts } : {}),
      ...(stored.evaluatedOn === undefined ? {} : { evaluatedOn: stored.evaluatedOn }),
    },
    SYSTEM,
    stored.detectedAt,
  );
  if (!isDeepStrictEqual(normal(t.next), normal(stored)))
    throw new Error(`grant ${stored.id}: its creation events cannot be derived from its state`);
  return t;
}

export async function deriveGrantCreation(
  stored: Grant,
): Promise<'written' | 'existed' | 'not_new'> {
  if (stored.version !== 1) return 'not_new'; // a grant's INSERT is always its creation
  const t = recreate(stored);
  return putCreationRecords(t.next, t.events, grantOutbox(t.next, t.events, stored.detectedAt));
}

/**
 * The grant a claim carried, written once: the grant, its creation events and its notice in
 * one transaction ('existed' when a delivery before this one wrote them), then the copy taken
 * off the claim. A grant key already held by another run's grant is not this claim's grant:
 * that is an error for the dead-letter queue, never an overwrite.
 */
export async function deriveCarriedGrant(
  carried: Grant,
  runId: string,
): Promise<'written' | 'existed'> {
  if (carried.version !== 1 || carried.claimPeriod === undefined)
    throw new Error(`grant ${carried.id}: a claim carries only a new grant with its claim period`);
  const t = recreate(carried);
  let outcome: 'written' | 'existed' = 'written';
  try {
    await saveGrant(t.next, t.events, 'new', {
      runId,
      now: carried.detectedAt,
      fromClaim: true,
      with: grantOutbox(t.next, t.events, carried.detectedAt),
    });
  } catch (e) {
    if (!(e instanceof DomainError && e.code === 'DUPLICATE')) throw e;
    const found = await findGrantRecord(carried.id);
    if (found?.runId !== runId)
      throw new Error(
        `grant ${carried.id}: its key holds another run's grant (${found?.runId ?? 'none'})`,
        { cause: e },
      );
    outcome = 'existed';
  }
  const ref = { policyId: carried.policyId, subjectId: carried.subjectId };
  await dropCarriedGrant({ ...ref, period: carried.claimPeriod }, carried.id);
  return outcome;
}
