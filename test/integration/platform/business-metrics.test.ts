/**
 * The business metrics (issue 15, docs/runbook.md) leave the real handlers as CloudWatch EMF on
 * stdout: an application submitted, its approval, the 公示 closed and the payment failed once and
 * then settled — each with its amount in fen, namespace Zhida, dimensions service and stage.
 */
import './metrics-on';
import { call } from '../../support/http';
import { handler as decide } from '../../../functions/http/decide-application/handler';
import { handler as getApplication } from '../../../functions/http/get-application/handler';
import { handler as closePublicityJob } from '../../../functions/schedule/close-publicity/handler';
import { handler as disburseJob } from '../../../functions/schedule/disburse/handler';
import { startFakeTreasury, type FakeTreasury } from '../../../infra/fakes/treasury';
import { apply, demoCounty, HIRE_LOCAL_REQUIRED, upload, type DemoUser } from '../apply/setup';

interface Emf {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] };
  [field: string]: unknown;
}

let tokens: Record<DemoUser, string>;
let treasury: FakeTreasury;
let out: string[] = [];
let write: jest.SpyInstance | undefined;

// a fresh seeded table, on 2 cores shared with the other suites: not jest's default 5 s
beforeAll(async () => {
  tokens = await demoCounty();
  treasury = await startFakeTreasury();
  process.env.TREASURY_URL = treasury.url;
}, 120_000);
afterAll(async () => {
  await treasury.stop();
  delete process.env.SCHEDULE_CLOCK_OVERRIDE;
});
afterEach(() => write?.mockRestore());

/** Runs `fn` and returns the EMF documents written to stdout meanwhile. */
async function emfOf(fn: () => Promise<unknown>): Promise<Emf[]> {
  out = [];
  write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await fn();
  } finally {
    write.mockRestore();
  }
  return out
    .join('')
    .split('\n')
    .filter((l) => l.includes('"CloudWatchMetrics"'))
    .map((l) => JSON.parse(l) as Emf);
}

/** The one document carrying `metric`; every document is ours: namespace Zhida, service, stage. */
function doc(docs: Emf[], metric: string): Emf {
  const found = docs.filter((d) => metric in d);
  expect(found).toHaveLength(1);
  const [d] = found;
  if (!d) throw new Error(`no ${metric}`);
  expect(d._aws.CloudWatchMetrics[0]?.Namespace).toBe('Zhida');
  expect(d._aws.CloudWatchMetrics[0]?.Dimensions[0]?.slice(0, 2)).toEqual(['service', 'stage']);
  expect(d).toMatchObject({ service: 'zhida', stage: 'test' });
  return d;
}

describe('business metrics from the real handlers (EMF on stdout)', () => {
  it('counts a submission, an approval, a failed and a settled payment, with their amounts in fen', async () => {
    let created: { id: string; requestedFen: number } = { id: '', requestedFen: 0 };
    const submitted = await emfOf(async () => {
      created = (await apply(
        tokens.trading01,
        'hire-local',
        HIRE_LOCAL_REQUIRED.concat([upload('insurance_proof')]),
      )) as typeof created;
    });
    expect(created.requestedFen).toBeGreaterThan(0);
    expect(doc(submitted, 'ApplicationsSubmitted')).toMatchObject({
      ApplicationsSubmitted: 1,
      RequestedFen: created.requestedFen,
    });

    const id = created.id;
    const decided = await emfOf(async () => {
      const res = await call(decide, 'POST /v1/applications/{id}/decision', {
        token: tokens.finl1,
        params: { id },
        body: { kind: 'approve', amountFen: created.requestedFen },
      });
      expect(res.status).toBe(200);
      expect((res.body as { status: string }).status).toBe('publicity');
    });
    expect(doc(decided, 'Decisions')).toMatchObject({ Decisions: 1, outcome: 'approve' });
    expect(doc(decided, 'ApprovedFen')).toMatchObject({ ApprovedFen: created.requestedFen });

    const detail = await call(getApplication, 'GET /v1/applications/{id}', {
      token: tokens.trading01,
      params: { id },
    });
    expect(detail.status).toBe(200);
    const { publicityEndsAt } = detail.body as { publicityEndsAt: string };
    const after = new Date(Date.parse(publicityEndsAt) + 60_000);
    process.env.SCHEDULE_CLOCK_OVERRIDE = 'on';
    await closePublicityJob({ asOf: after.toISOString() });

    // the treasury refuses the first attempt, pays the retry (after its backoff)
    treasury.setMode('fail');
    const failed = await emfOf(() => disburseJob({ asOf: after.toISOString() }));
    expect(doc(failed, 'PaymentsFailed')).toMatchObject({
      PaymentsFailed: 1,
      FailedFen: created.requestedFen,
      PaymentsHeld: 0,
    });
    treasury.setMode('ok');
    const later = new Date(after.getTime() + 2 * 86_400_000).toISOString();
    const paid = await emfOf(() => disburseJob({ asOf: later }));
    expect(doc(paid, 'PaymentsSettled')).toMatchObject({
      PaymentsSettled: 1,
      SettledFen: created.requestedFen,
    });
    // a clean run: no failed-run metric
    expect(paid.filter((d) => 'JobRunsFailed' in d)).toEqual([]);
  }, 120_000);
});
