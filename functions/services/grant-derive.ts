/**
 * The records an auto-grant run may leave to the table's stream (issue 16): a grant's
 * creation events (GrantDetected, then ConfirmationRequested or PublicityStarted) and its
 * notice. With AUTO_GRANT_RECORDS=stream the run's only synchronous writes per grant are the
 * grant and its entitlement claim (one transaction, exactly once as before); the stream's
 * INSERT of the grant then reaches `deriveGrantCreation`, which recomputes the creation with
 * the same pure lifecycle (`detectGrant`, at the grant's detectedAt, by the same system
 * actor) and writes what the run would have written, once (functions/repositories/grants.ts
 * putCreationRecords).
 *
 * The recomputed grant must equal the stored one, field for field: if it does not (a
 * lifecycle change since the grant was written), nothing is written and the error goes back
 * to the stream, which retries and finally parks the record on the dead-letter queue, rather
 * than an audit trail that says something the grant does not.
 */
import { isDeepStrictEqual } from 'node:util';
import type { SystemActor } from '../../shared/actor';
import { fen } from '../../shared/money';
import { detectGrant, type Grant } from '../../shared/lifecycle/grant';
import { putCreationRecords } from '../repositories/grants';
import { grantOutbox } from './grant-notices';

const SYSTEM: SystemActor = { kind: 'system', job: 'auto-grant' };

/** Where the run's derived records are written: 'stream' on AWS (serverless.yml), else in the run's transaction. */
export const derivedOnStream = (): boolean => process.env.AUTO_GRANT_RECORDS === 'stream';

/** A value as DynamoDB stores it: undefined fields dropped, key order irrelevant. */
const normal = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

export async function deriveGrantCreation(
  stored: Grant,
): Promise<'written' | 'existed' | 'not_new'> {
  if (stored.version !== 1) return 'not_new'; // a grant's INSERT is always its creation
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
  return putCreationRecords(t.next, t.events, grantOutbox(t.next, t.events, stored.detectedAt));
}
