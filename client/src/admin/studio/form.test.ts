import {
  amountFormOf,
  amountOf,
  conditionOf,
  fieldChoices,
  nextId,
  rowOf,
  yuanToFen,
} from './form';

describe('policy editor form model', () => {
  const choices = fieldChoices();

  it('offers the fact schema’s scalar fields with their Chinese labels', () => {
    const status = choices.find((c) => c.path === 'market_registry.status');
    expect(status).toMatchObject({ label: '营业状态', kind: 'string' });
    expect(status?.options).toContain('operating');
    expect(choices.every((c) => !c.path.endsWith('.employees'))).toBe(true);
  });

  it('turns a simple condition into a form row and back unchanged', () => {
    const c = {
      id: 'operating',
      label: '正常经营',
      rule: {
        op: 'eq',
        args: [
          { op: 'fact', path: 'market_registry.status' },
          { op: 'const', value: 'operating' },
        ],
      },
    };
    const row = rowOf(c);
    expect(row).toMatchObject({ kind: 'simple', op: 'eq', value: 'operating' });
    expect(conditionOf(row, choices)).toEqual(c);
  });

  it('types values by the field: numbers, dates and lists', () => {
    const n = conditionOf(
      {
        kind: 'simple',
        id: 'c1',
        label: 'x',
        path: 'market_registry.registeredOn',
        op: 'gte',
        value: '2026-01-01',
      },
      choices,
    );
    expect(n.rule).toEqual({
      op: 'gte',
      args: [
        { op: 'fact', path: 'market_registry.registeredOn' },
        { op: 'date', value: '2026-01-01' },
      ],
    });
    const list = conditionOf(
      {
        kind: 'simple',
        id: 'c2',
        label: 'y',
        path: 'market_registry.size',
        op: 'in',
        value: 'micro，small, medium',
      },
      choices,
    );
    expect(list.rule).toMatchObject({ options: ['micro', 'small', 'medium'] });
  });

  it('keeps what the form cannot show as it is', () => {
    const rule = {
      op: 'gte',
      args: [
        { op: 'count', list: 'x' },
        { op: 'const', value: 1 },
      ],
    };
    const row = rowOf({ id: 'hires', label: '人数', rule });
    expect(row.kind).toBe('raw');
    expect(conditionOf(row, choices).rule).toBe(rule);
    const tier = { op: 'tier' };
    expect(amountOf(amountFormOf(tier))).toBe(tier);
  });

  it('reads amounts in yuan and gives fresh ids', () => {
    expect(yuanToFen('1,000.5')).toBe(100_050);
    expect(amountFormOf({ op: 'const', value: 150_000 })).toEqual({ kind: 'fixed', yuan: '1500' });
    expect(amountOf({ kind: 'param', name: 'a.b' })).toEqual({ op: 'param', name: 'a.b' });
    expect(nextId('c', [{ id: 'c1' }, { id: 'c3' }])).toBe('c2');
  });
});
