/**
 * Dated parameters (DESIGN §3): amounts, thresholds and rates a county sets, each a named
 * list of values by effective date. Rules read them with `{op:'param', name}` on the as-of
 * date, so "¥1,000 → ¥1,500 from 2027-01-01" is a new value here, not a new rule; the guide
 * shows the same values with their units.
 */
import { z } from 'zod';
import { formatFen, type Fen } from '../money';
import { IsoDate } from '../facts/dates';
import { ParamName, type ParamValues } from '../rules/ast';
import { paramValueOn } from '../rules/compile';
import type { Expr } from '../rules/ast';

export const ParameterUnit = z.enum(['fen', 'month', 'bp', 'household', 'person', 'day']);
export type ParameterUnit = z.infer<typeof ParameterUnit>;

/** How the guide names each unit (fen values are shown as 分, as the seeds always did). */
/**
 * A parameter's value as people read it (issue #17): money in yuan, rates in %, periods in
 * words — never "15000000 分" or "10000 基点".
 */
export function parameterValueText(value: number, unit: ParameterUnit): string {
  switch (unit) {
    case 'fen':
      return formatFen(value as Fen);
    case 'bp':
      return `${String(value / 100)}%`;
    case 'month':
      return `${String(value)}个月`;
    case 'day':
      return `${String(value)}天`;
    case 'household':
      return `${String(value)}户`;
    case 'person':
      return `${String(value)}人`;
  }
}

export const PARAMETER_UNIT_LABELS: Record<ParameterUnit, string> = {
  fen: '分',
  month: '月',
  bp: '基点',
  household: '户',
  person: '人',
  day: '日',
};

export const DatedValueSchema = z.object({
  from: IsoDate,
  value: z.number().int().nonnegative(),
});

export const Parameter = z
  .object({
    name: ParamName,
    label: z.string().min(2).max(40),
    unit: ParameterUnit,
    note: z.string().max(200).optional(),
    values: z.array(DatedValueSchema).min(1).max(100),
  })
  .superRefine((p, ctx) => {
    p.values.forEach((v, i) => {
      const prev = p.values[i - 1];
      if (prev && prev.from >= v.from) {
        ctx.addIssue({
          code: 'custom',
          message: '参数取值须按生效日期从早到晚排列，且日期不重复',
          path: ['values', i, 'from'],
        });
      }
    });
  });
export type Parameter = z.infer<typeof Parameter>;

/** The rule engine's view of a parameter list. */
export function paramValuesOf(params: readonly Parameter[]): ParamValues {
  return new Map(params.map((p) => [p.name, p.values]));
}

/** Sets `value` from `from` on: replaces a value of the same day, keeps the list ordered. */
export function withValueFrom(p: Parameter, from: string, value: number): Parameter {
  const values = [...p.values.filter((v) => v.from !== from), { from, value }].sort((a, b) =>
    a.from < b.from ? -1 : a.from > b.from ? 1 : 0,
  );
  return { ...p, values };
}

export function valueOn(p: Parameter, asOf: string): number | undefined {
  return paramValueOn(p.values, asOf);
}

/** Every parameter name a rule tree reads, in first-use order. */
export function paramNamesIn(exprs: readonly Expr[]): string[] {
  const names = new Set<string>();
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) {
      x.forEach(visit);
      return;
    }
    if (x === null || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (o.op === 'param' && typeof o.name === 'string') names.add(o.name);
    for (const v of Object.values(o)) visit(v);
  };
  exprs.forEach(visit);
  return [...names];
}
