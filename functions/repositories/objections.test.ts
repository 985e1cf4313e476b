/** Applications and grants stored before objections were items: their counters are derived on read. */
import { withObjectionCounters } from './objections';

describe('withObjectionCounters', () => {
  it('derives the counters from an old inline objections array', () => {
    const old = {
      id: 'app_1',
      objections: [
        { id: 'obj_1', text: 'a', resolution: { upheld: false } },
        { id: 'obj_2', text: 'b' },
        { id: 'obj_3', text: 'c' },
      ],
    };
    expect(withObjectionCounters(old as never)).toMatchObject({
      objectionsRaised: 3,
      objectionsOpen: 2,
    });
  });

  it('counts 0 when there were none, and keeps counters that are already stored', () => {
    expect(withObjectionCounters({ id: 'app_2' } as never)).toMatchObject({
      objectionsRaised: 0,
      objectionsOpen: 0,
    });
    const current = { id: 'app_3', objectionsRaised: 5, objectionsOpen: 1, objections: [] };
    expect(withObjectionCounters(current)).toBe(current);
  });
});
