import { z } from 'zod';
import { Fact } from './facts';
import { fieldLabel, zhReasons } from './zod-zh';

const ASCII_ENGLISH = /expected|received|Invalid|Too (small|big)/;

describe('zod issues in Chinese (issue #17: no "expected boolean, received string")', () => {
  const reasons = (schema: z.ZodType, value: unknown, source?: string) => {
    const r = schema.safeParse(value, { reportInput: true });
    if (r.success) throw new Error('expected a failure');
    return zhReasons(r.error, { source });
  };

  it('names each kind of issue in Chinese, with the field', () => {
    const S = z.object({
      flag: z.boolean(),
      on: z.iso.date(),
      kind: z.enum(['a', 'b']),
      name: z.string().min(1),
      count: z.number().int().nonnegative(),
      code: z.string().regex(/^\d{6}$/),
      items: z.array(z.string()).max(1),
      gone: z.string(),
    });
    const out = reasons(S, {
      flag: 'yes',
      on: '2020/1/1',
      kind: 'c',
      name: '',
      count: 1.5,
      code: 'x',
      items: ['a', 'b'],
    });
    expect(out).toEqual([
      'flag：应为是/否（true 或 false），实为文本',
      'on：日期格式应为 YYYY-MM-DD',
      'kind：应为以下之一：a、b',
      'name：不能为空',
      'count：应为整数',
      'code：格式不正确',
      'items：最多 1 项',
      '缺少字段：gone',
    ]);
    for (const r of out) expect(r).not.toMatch(ASCII_ENGLISH);
  });

  it('names fact fields with the labels the app uses, and rows by their columns', () => {
    const out = reasons(
      Fact,
      {
        subjectId: '91620724MA00000000',
        source: 'market_registry',
        period: { from: '2020-01-01' },
        values: { name: '甲', kind: 'enterprise', size: 'micro', industry: 'catering' },
      },
      'market_registry',
    );
    expect(out).toContain('缺少字段：期间结束日期');
    expect(out).toContain('缺少字段：营业状态');
    expect(out).toContain('缺少字段：登记日期');
    for (const r of out) expect(r).not.toMatch(ASCII_ENGLISH);
  });

  it('keeps a message the schema already wrote in Chinese, and numbers list items from 1', () => {
    const S = z.object({
      p: z.string().refine(() => false, { error: '期间开始日期不能晚于结束日期' }),
    });
    expect(reasons(S, { p: 'x' })).toEqual(['p：期间开始日期不能晚于结束日期']);
    expect(fieldLabel(['values', 'employees', 0, 'hiredOn'])).toBe(
      'values employees 第1项 hiredOn',
    );
    expect(fieldLabel([])).toBe('（整行）');
  });

  it('names an unknown discriminator value with the allowed ones', () => {
    const out = reasons(Fact, { subjectId: 'x', source: 'weather', period: {}, values: {} });
    expect(out[0]).toMatch(/^数据来源：应为以下之一：market_registry、/);
  });
});
