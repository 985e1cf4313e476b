import type { PolicyVersion } from './policies';
import type { Fen } from './money';
import { summarisePreview } from './run-preview';

const policy = (id: string) => ({ id, title: `政策${id}` }) as unknown as PolicyVersion;

describe('summarisePreview', () => {
  it('counts and totals per policy, in the policies’ order, zero rows kept', () => {
    const a = policy('a');
    const b = policy('b');
    const c = policy('c');
    expect(
      summarisePreview(
        [a, b, c],
        [
          { policy: b, amountFen: 100_000 as Fen },
          { policy: a, amountFen: 400_000 as Fen },
          { policy: b, amountFen: 100_000 as Fen },
        ],
      ),
    ).toEqual({
      count: 3,
      totalFen: 600_000,
      byPolicy: [
        { policyId: 'a', title: '政策a', count: 1, totalFen: 400_000 },
        { policyId: 'b', title: '政策b', count: 2, totalFen: 200_000 },
        { policyId: 'c', title: '政策c', count: 0, totalFen: 0 },
      ],
    });
  });
});
