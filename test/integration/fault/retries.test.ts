/**
 * Transient failures are retried, never turned into a miss or a double:
 * - DynamoDB throttling on writes during an auto-grant run and a 公示 close;
 * - a conditional failure (the item changed between read and write) makes the job reload
 *   and decide again on the new state.
 */

import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { putFacts } from '../../../functions/repositories/facts';
import { getGrant, saveGrant } from '../../../functions/repositories/grants';
import { getBudget, openBudget } from '../../../functions/repositories/ledger';
import { db } from '../../../functions/repositories/table';
import { subjectIdOf } from '../../../functions/repositories/subjects';
import { processRun, startRun } from '../../../functions/services/auto-grant';
import { closeGrantPublicity } from '../../../functions/services/close-publicity';
import { grantPeriodOf, policyIdOf } from '../../../shared/auto-grant';
import { instantOf } from '../../../shared/calendar';
import type { ObjectionId, UserId } from '../../../shared/ids';
import { detectGrant, raiseObjection } from '../../../shared/lifecycle/grant';
import { fen } from '../../../shared/money';
import { freshTable } from '../../support/table';
import { AS_OF, daysAfter, hireFeed, PAYEE, T_RUN, uscc } from '../money/support';

// DynamoDB Local on 2 shared cores: generous, so a slow moment never leaves a run writing into the next test's table.
jest.setTimeout(60_000);

const policyId = policyIdOf('hire-local');

function throttling(): Error {
  const e = new Error('Rate of requests exceeds the allowed throughput.');
  e.name = 'ThrottlingException';
  return e;
}

describe('retries of transient failures', () => {
  beforeEach(async () => {
    await freshTable();
  });
  afterEach(() => jest.restoreAllMocks());

  it('throttled transactions during a run: every grant still created exactly once', async () => {
    const feed = hireFeed({ six: 15, twelve: 15, short: 5 });
    await putFacts(feed.facts);
    const client = db();
    const send = client.send.bind(client);
    let calls = 0;
    let throttled = 0;
    jest.spyOn(client, 'send').mockImplementation(((command: unknown, ...rest: unknown[]) => {
      if (command instanceof TransactWriteCommand && ++calls % 3 === 1) {
        throttled++;
        return Promise.reject(throttling());
      }
      return (send as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
    }) as typeof client.send);
    const run = await startRun({ asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 3 }, { now: T_RUN });
    const done = await processRun(run.id, { pageSize: 6, now: T_RUN });
    expect(throttled).toBeGreaterThan(5);
    expect(done).toMatchObject({ status: 'completed' });
    expect(done.totals).toMatchObject({ grantsCreated: 30, errors: 0 });
  });

  it('a 公示 close that loses a race to an objection reloads and respects it; throttling on the ledger is retried', async () => {
    await openBudget(policyId, fen(1_000_000));
    const make = async (n: number) => {
      const t = detectGrant(
        { policyId, policyVersion: 1, subjectId: subjectIdOf(uscc(n)), period: grantPeriodOf({ effectiveFrom: '2020-01-01' }), department: 'finance', amountFen: fen(50_000), capFen: fen(20_000_000), publicityDays: 5, payee: PAYEE },
        { kind: 'system', job: 'auto-grant' },
        instantOf(T_RUN),
      );
      await saveGrant(t.next, t.events, 'new');
      return t.next;
    };
    const raced = await make(6001);
    const throttledOnce = await make(6002);
    const client = db();
    const send = client.send.bind(client);
    let interfered = false;
    let throttledLedger = 0;
    jest.spyOn(client, 'send').mockImplementation((async (command: unknown, ...rest: unknown[]) => {
      if (command instanceof TransactWriteCommand) {
        const json = JSON.stringify(command.input);
        if (!interfered && json.includes(raced.id) && json.includes('LEDGER#')) {
          // between the job's read and its write, the applicant objects (DESIGN §2)
          interfered = true;
          const current = await getGrant(raced.id);
          const applicant = { kind: 'applicant' as const, userId: 'usr_OBJ' as UserId, subjectId: raced.subjectId };
          const t = raiseObjection(current, { objectionId: 'obj_1' as ObjectionId, text: '该企业实际未新增本县劳动力', priorByObjector: 0 }, applicant, instantOf(daysAfter(T_RUN, 4)));
          await saveGrant(t.next, t.events, current.version);
        }
        if (json.includes(throttledOnce.id) && json.includes('LEDGER#') && throttledLedger < 2) {
          throttledLedger++;
          throw throttling();
        }
      }
      return (send as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
    }) as typeof client.send);
    const at = instantOf(daysAfter(T_RUN, 6));
    expect(await closeGrantPublicity(raced.id, at)).toBe('objection_open');
    expect(await getGrant(raced.id)).toMatchObject({ status: 'publicity', objectionsRaised: 1, objectionsOpen: 1 });
    expect(await closeGrantPublicity(throttledOnce.id, at)).toBe('payable');
    expect(throttledLedger).toBe(2);
    expect(await getBudget(policyId)).toMatchObject({ reservedFen: 50_000, remainingFen: 950_000 });
  });
});
