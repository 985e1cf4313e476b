/**
 * The business metrics leave the function as CloudWatch EMF on stdout: these tests read the
 * lines Powertools writes and check namespace, dimensions, names and values.
 */
type MetricsModule = typeof import('./metrics');

interface Emf {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

let m: MetricsModule;
let lines: string[];
let write: jest.SpyInstance;

beforeAll(async () => {
  // the stage dimension is read when the module loads, as on Lambda
  process.env.STAGE = 'unit';
  delete process.env.POWERTOOLS_METRICS_DISABLED;
  delete process.env.POWERTOOLS_DEV;
  jest.resetModules();
  m = await import('./metrics');
});

beforeEach(() => {
  lines = [];
  write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  write.mockRestore();
});

/** The EMF documents written since the test began. */
const emitted = (): Emf[] =>
  lines
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Emf)
    .filter((d) => '_aws' in d);

const namesOf = (d: Emf) => d._aws.CloudWatchMetrics[0]?.Metrics.map((x) => x.Name) ?? [];

describe('business metrics (Powertools, EMF)', () => {
  it('buffers counts and fen amounts and writes them as one EMF line per flush, namespace Zhida, dimensions service and stage', () => {
    m.businessMetrics.applicationSubmitted(500_000);
    m.businessMetrics.grantCreated(300_000);
    m.businessMetrics.grantCreated(200_000);
    m.businessMetrics.paymentClosed('paid', 120_000);
    m.businessMetrics.paymentClosed('failed', 80_000);
    m.businessMetrics.paymentClosed('returned', 20_000);
    m.businessMetrics.paymentsHeld(2);
    m.businessMetrics.reviewsOverdue(3);
    m.businessMetrics.conflictRetried();
    m.businessMetrics.conflictRetried();
    expect(emitted()).toEqual([]); // nothing before the flush
    m.flushMetrics();

    const docs = emitted();
    expect(docs).toHaveLength(1);
    const [doc] = docs;
    const directive = doc?._aws.CloudWatchMetrics[0];
    if (!doc || !directive) throw new Error('no EMF document');
    expect(directive.Namespace).toBe('Zhida');
    expect(directive.Dimensions).toEqual([['service', 'stage']]);
    expect(doc.service).toBe('zhida');
    expect(doc.stage).toBe('unit');
    expect(namesOf(doc).sort()).toEqual(
      [
        'ApplicationsSubmitted',
        'RequestedFen',
        'GrantsCreated',
        'GrantedFen',
        'PaymentsSettled',
        'SettledFen',
        'PaymentsFailed',
        'FailedFen',
        'PaymentsHeld',
        'ReviewsOverdue',
        'ConflictRetries',
      ].sort(),
    );
    expect(doc.ApplicationsSubmitted).toBe(1);
    expect(doc.RequestedFen).toBe(500_000);
    // the same metric twice in one invocation: EMF carries both values
    expect(doc.GrantsCreated).toEqual([1, 1]);
    expect(doc.GrantedFen).toEqual([300_000, 200_000]);
    expect(doc.PaymentsSettled).toBe(1);
    expect(doc.SettledFen).toBe(120_000);
    expect(doc.PaymentsFailed).toEqual([1, 1]);
    expect(doc.FailedFen).toEqual([80_000, 20_000]);
    expect(doc.PaymentsHeld).toBe(2);
    expect(doc.ReviewsOverdue).toBe(3);
    expect(doc.ConflictRetries).toEqual([1, 1]);
    const units = Object.fromEntries(directive.Metrics.map((x) => [x.Name, x.Unit]));
    expect(units.GrantsCreated).toBe('Count');
    expect(units.GrantedFen).toBe('None');
  });

  it('writes a decision at once with its outcome as a dimension; an approval adds its amount to the buffer', () => {
    m.businessMetrics.decided({ kind: 'reject' });
    m.businessMetrics.decided({ kind: 'approve', amountFen: 450_000 });
    const decisions = emitted();
    expect(decisions).toHaveLength(2);
    for (const d of decisions) {
      expect(d._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service', 'stage', 'outcome']]);
      expect(namesOf(d)).toEqual(['Decisions']);
      expect(d.Decisions).toBe(1);
      expect(d.stage).toBe('unit');
    }
    expect(decisions.map((d) => d.outcome)).toEqual(['reject', 'approve']);

    m.flushMetrics();
    const [approved] = emitted().slice(2);
    expect(approved?.ApprovedFen).toBe(450_000);
  });

  it('writes a failed job run at once, with the job as a dimension', () => {
    m.businessMetrics.jobRunFailed('disburse');
    const [d] = emitted();
    expect(d?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service', 'stage', 'job']]);
    expect(d?.JobRunsFailed).toBe(1);
    expect(d?.job).toBe('disburse');
  });

  it('writes nothing (and warns about nothing) when an invocation recorded no metric', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    m.flushMetrics();
    expect(lines).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
