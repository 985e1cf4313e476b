/**
 * Transient failures are retried, never turned into a miss or a double:
 * - DynamoDB throttling on writes during an auto-grant run and a 公示 close: the SDK's own
 *   retry (standard mode, maxAttempts 5) absorbs it; withRetry does not retry it again, so a
 *   table that keeps throttling costs 5 attempts, not 5 × withRetry's 12;
 * - a conditional failure (the item changed between read and write) makes the job reload
 *   and decide again on the new state.
 * Throttling is injected below the SDK's retry middleware, where DynamoDB's answer arrives.
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
jest.setTimeout(180_000);

const policyId = policyIdOf('hire-local');

function throttling(): Error {
  const e = new Error('Rate of requests exceeds the allowed throughput.');
  return Object.assign(e, {
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

const THROTTLE = 'zhidaTestThrottle';

/**
 * DynamoDB throttles each transaction `pick` picks (given its wire input and how many were
 * throttled so far): thrown where the service's answer is deserialized, inside the SDK's retry
 * loop, as a real throttle would be. Counts the throttled attempts.
 */
function throttleTransactions(pick: (input: string, throttledSoFar: number) => boolean): {
  throttled: number;
} {
  const count = { throttled: 0 };
  db().middlewareStack.add(
    (next) => async (args) => {
      const input = JSON.stringify((args as { input?: unknown }).input ?? {});
      if (input.includes('"TransactItems"') && pick(input, count.throttled)) {
        count.throttled++;
        throw throttling();
      }
      return next(args);
    },
    { step: 'deserialize', name: THROTTLE },
  );
  return count;
}

describe('retries of transient failures', () => {
  beforeEach(async () => {
    await freshTable();
  });
  afterEach(() => {
    jest.restoreAllMocks();
    db().middlewareStack.remove(THROTTLE);
  });

  it('throttled transactions during a run: every grant still created exactly once', async () => {
    const feed = hireFeed({ six: 15, twelve: 15, short: 5 });
    await putFacts(feed.facts);
    let calls = 0;
    const count = throttleTransactions(() => ++calls % 3 === 1);
    const run = await startRun(
      { asOf: AS_OF, policyIds: ['hire-local'], totalSegments: 3 },
      { now: T_RUN },
    );
    const done = await processRun(run.id, { pageSize: 6, now: T_RUN });
    expect(count.throttled).toBeGreaterThan(5);
    expect(done).toMatchObject({ status: 'completed' });
    expect(done.totals).toMatchObject({ grantsCreated: 30, errors: 0 });
  });

  it('a 公示 close that loses a race to an objection reloads and respects it; throttling on the ledger is retried', async () => {
    await openBudget(policyId, 2020, fen(1_000_000));
    const make = async (n: number) => {
      const t = detectGrant(
        {
          policyId,
          policyVersion: 1,
          subjectId: subjectIdOf(uscc(n)),
          period: grantPeriodOf({ effectiveFrom: '2020-01-01' }),
          department: 'finance',
          amountFen: fen(50_000),
          capFen: fen(20_000_000),
          publicityDays: 5,
          payee: PAYEE,
        },
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
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- send's callback overloads return void; the code under test calls the promise overload
    jest.spyOn(client, 'send').mockImplementation((async (command: unknown, ...rest: unknown[]) => {
      if (command instanceof TransactWriteCommand) {
        const json = JSON.stringify(command.input);
        if (!interfered && json.includes(raced.id) && json.includes('LEDGER#')) {
          // between the job's read and its write, the applicant objects (DESIGN §2)
          interfered = true;
          const current = await getGrant(raced.id);
          const applicant = {
            kind: 'applicant' as const,
            userId: 'usr_OBJ' as UserId,
            subjectId: raced.subjectId,
          };
          const t = raiseObjection(
            current,
            {
              objectionId: 'obj_1' as ObjectionId,
              text: '该企业实际未新增本县劳动力',
              priorByObjector: 0,
            },
            applicant,
            instantOf(daysAfter(T_RUN, 4)),
          );
          await saveGrant(t.next, t.events, current.version);
        }
      }
      return (send as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
    }) as typeof client.send);
    const ledger = throttleTransactions(
      (input, n) => input.includes(throttledOnce.id) && input.includes('LEDGER#') && n < 2,
    );
    const at = instantOf(daysAfter(T_RUN, 6));
    expect(await closeGrantPublicity(raced.id, at)).toBe('objection_open');
    expect(await getGrant(raced.id)).toMatchObject({
      status: 'publicity',
      objectionsRaised: 1,
      objectionsOpen: 1,
    });
    expect(await closeGrantPublicity(throttledOnce.id, at)).toBe('payable');
    expect(ledger.throttled).toBe(2);
    expect(await getBudget(policyId, 2020)).toMatchObject({
      reservedFen: 50_000,
      remainingFen: 950_000,
    });
  });

  it('a table that keeps throttling: the SDK gives up after its 5 attempts and withRetry does not start over', async () => {
    await openBudget(policyId, 2020, fen(1_000_000));
    const t = detectGrant(
      {
        policyId,
        policyVersion: 1,
        subjectId: subjectIdOf(uscc(6003)),
        period: grantPeriodOf({ effectiveFrom: '2020-01-01' }),
        department: 'finance',
        amountFen: fen(50_000),
        capFen: fen(20_000_000),
        publicityDays: 5,
        payee: PAYEE,
      },
      { kind: 'system', job: 'auto-grant' },
      instantOf(T_RUN),
    );
    await saveGrant(t.next, t.events, 'new');
    const close = throttleTransactions(
      (input) => input.includes(t.next.id) && input.includes('LEDGER#'),
    );
    expect(await closeGrantPublicity(t.next.id, instantOf(daysAfter(T_RUN, 6)))).toBe('error');
    // maxAttempts in functions/repositories/table.ts; withRetry retrying throttling made 5 × 12 = 60
    expect(close.throttled).toBe(5);
    expect(await getGrant(t.next.id)).toMatchObject({ status: 'publicity' });
    expect(await getBudget(policyId, 2020)).toMatchObject({
      reservedFen: 0,
      remainingFen: 1_000_000,
    });
  });
});
