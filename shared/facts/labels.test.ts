/**
 * Every fact value people may see has Chinese words (issue #15 / #17): each enum option of
 * every fact path has a label, and a condition's values read "营业状态：正常经营", never a code.
 */
import { FACT_VALUE_LABELS, factValueText, factValuesText } from './labels';
import { FACT_FIELDS, type FieldType, type Fields } from './paths';

/** Every path of an enum-valued field, list items included (`lease_registry.leases.premises`). */
function enumPaths(fields: Fields, prefix: string[] = []): [string, readonly string[]][] {
  return Object.entries(fields).flatMap(([name, t]: [string, FieldType]) => {
    const path = [...prefix, name];
    if (t.kind === 'object') return enumPaths(t.fields, path);
    if (t.kind === 'list') return enumPaths(t.item, path);
    return t.options ? [[path.join('.'), t.options] as [string, readonly string[]]] : [];
  });
}

describe('fact value labels', () => {
  const paths = enumPaths(FACT_FIELDS);

  it('finds the enum fields of the feeds', () => {
    expect(paths.map(([p]) => p)).toEqual(
      expect.arrayContaining([
        'market_registry.status',
        'market_registry.industry',
        'tax.creditRating',
      ]),
    );
  });

  it.each(paths)('%s: every option has a Chinese label', (path, options) => {
    const labels = FACT_VALUE_LABELS[path] ?? {};
    const missing = options.filter((o) => !/[\u4e00-\u9fff]/.test(labels[o] ?? ''));
    expect(missing).toEqual([]);
  });

  it('a condition reads as words', () => {
    expect(factValuesText({ 'market_registry.status': 'operating' })).toBe('营业状态：正常经营');
    expect(
      factValuesText({
        'market_registry.kind': 'individual_business',
        'market_registry.industry': 'catering',
      }),
    ).toBe('市场主体类型：个体工商户，所属行业：餐饮');
    expect(
      factValuesText({ 'market_registry.retailFormat': null, 'market_registry.aboveQuota': false }),
    ).toBe('零售业态：无，限额以上批发零售企业：否');
    expect(factValuesText({ '2020年上半年国有房屋租赁合同数': 1 })).toBe(
      '2020年上半年国有房屋租赁合同数：1',
    );
  });

  it('amounts in yuan, months and rates in words', () => {
    expect(factValueText('social_insurance.unemploymentInsurancePaidFen', 1_234_500)).toBe(
      '12345.00元',
    );
    expect(factValueText('employment_registry.businessMonthsOperating', 14)).toBe('14个月');
    expect(factValueText('loan_registry.loans.annualRateBp', 385)).toBe('3.85%');
  });
});
