/**
 * Golden cases for POLICIES.md §B and the incubator fee waiver
 * (003 保居民就业 §四(二)9, §四(四)20; 保市场主体 §四(二)7(3); 000 §四(二); 002 §二(国资)).
 */
import type { Fact } from '../facts/fact';
import * as ex from '../facts/examples';
import type { Lease } from '../facts/sources';
import { checkGolden, type GoldenCase } from './golden';

type Market = Parameters<typeof ex.marketRegistry>[0];
const tenant = (leases: Partial<Lease>[], market: Market = { industry: 'catering' }): Fact[] => [
  ex.marketRegistry(market),
  ex.leaseRegistry(leases.map((l, i) => ex.lease({ leaseId: `L-${i}`, ...l }))),
];
const STATE = { landlordKind: 'state' as const, monthlyRentFen: 300_000 };

const RENT_WAIVER_STATE: GoldenCase[] = [
  {
    name: '小微餐饮企业承租国有房屋月租3000元 → 免9000元',
    facts: tenant([STATE]),
    asOf: '2020-07-01',
    verdict: 'eligible',
    yuan: 9000,
  },
  {
    name: '个体工商户',
    facts: tenant([STATE], { kind: 'individual_business', industry: 'wholesale_retail' }),
    asOf: '2020-07-01',
    verdict: 'eligible',
    yuan: 9000,
  },
  {
    name: '两处国有房屋合计',
    facts: tenant([STATE, { ...STATE, monthlyRentFen: 150_050 }]),
    asOf: '2020-07-01',
    verdict: 'eligible',
    yuan: 13_501.5,
  },
  {
    name: '中型企业不享受',
    facts: tenant([STATE], { size: 'medium', industry: 'catering' }),
    asOf: '2020-07-01',
    verdict: 'ineligible',
    failing: ['small_micro'],
  },
  {
    name: '工业企业不属于服务业',
    facts: tenant([STATE], { industry: 'manufacturing' }),
    asOf: '2020-07-01',
    verdict: 'ineligible',
    failing: ['service_sector'],
  },
  {
    name: '非国有房屋（出租方自愿减免，记录为凭证）',
    facts: tenant([{ ...STATE, landlordKind: 'private' }]),
    asOf: '2020-07-01',
    verdict: 'ineligible',
    failing: ['state_lease_h1_2020'],
  },
  {
    name: '边界：租期2020-06-30开始',
    facts: tenant([{ ...STATE, startOn: '2020-06-30' }]),
    asOf: '2020-07-01',
    verdict: 'eligible',
    yuan: 9000,
  },
  {
    name: '边界：租期2020-07-01开始',
    facts: tenant([{ ...STATE, startOn: '2020-07-01' }]),
    asOf: '2020-07-01',
    verdict: 'ineligible',
    failing: ['state_lease_h1_2020'],
  },
  {
    name: '边界：租期2019-12-31结束',
    facts: tenant([{ ...STATE, startOn: '2019-01-01', endOn: '2019-12-31' }]),
    asOf: '2020-07-01',
    verdict: 'ineligible',
    failing: ['state_lease_h1_2020'],
  },
  {
    name: '边界：租期2020-01-01结束',
    facts: tenant([{ ...STATE, startOn: '2019-01-01', endOn: '2020-01-01' }]),
    asOf: '2020-07-01',
    verdict: 'eligible',
    yuan: 9000,
  },
  {
    name: '单户上限：月租8万元 → 15万元',
    facts: tenant([{ ...STATE, monthlyRentFen: 8_000_000 }]),
    asOf: '2020-07-01',
    verdict: 'eligible',
    yuan: 150_000,
  },
  {
    name: '窗口：2019-12-31',
    facts: tenant([STATE]),
    asOf: '2019-12-31',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '窗口：2020-01-01',
    facts: tenant([STATE]),
    asOf: '2020-01-01',
    verdict: 'eligible',
    yuan: 9000,
  },
  {
    name: '窗口：2020-12-31',
    facts: tenant([STATE]),
    asOf: '2020-12-31',
    verdict: 'eligible',
    yuan: 9000,
  },
  {
    name: '窗口：2021-01-01',
    facts: tenant([STATE]),
    asOf: '2021-01-01',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '缺租赁备案',
    facts: [ex.marketRegistry({ industry: 'catering' })],
    asOf: '2020-07-01',
    verdict: 'incomplete',
    missing: ['lease_registry'],
  },
];

const PUBLIC = {
  landlordKind: 'public_institution' as const,
  monthlyRentFen: 200_000,
  startOn: '2022-01-01',
  endOn: '2024-12-31',
};
const RENT_WAIVER_2023: GoldenCase[] = [
  {
    name: '承租行政事业单位房屋月租2000元 → 6000元',
    facts: tenant([PUBLIC]),
    asOf: '2023-08-01',
    verdict: 'eligible',
    yuan: 6000,
  },
  {
    name: '个体工商户',
    facts: tenant([PUBLIC], { kind: 'individual_business', industry: 'other_services' }),
    asOf: '2023-08-01',
    verdict: 'eligible',
    yuan: 6000,
  },
  {
    name: '国有企业房屋不属本项',
    facts: tenant([{ ...PUBLIC, landlordKind: 'state' }]),
    asOf: '2023-08-01',
    verdict: 'ineligible',
    failing: ['public_lease_2023'],
  },
  {
    name: '边界：租期2022-12-31结束',
    facts: tenant([{ ...PUBLIC, endOn: '2022-12-31' }]),
    asOf: '2023-08-01',
    verdict: 'ineligible',
    failing: ['public_lease_2023'],
  },
  {
    name: '边界：租期2023-12-31开始',
    facts: tenant([{ ...PUBLIC, startOn: '2023-12-31' }]),
    asOf: '2023-12-31',
    verdict: 'eligible',
    yuan: 6000,
  },
  {
    name: '中型企业',
    facts: tenant([PUBLIC], { size: 'medium', industry: 'catering' }),
    asOf: '2023-08-01',
    verdict: 'ineligible',
    failing: ['small_micro'],
  },
  {
    name: '窗口：2022-12-31',
    facts: tenant([PUBLIC]),
    asOf: '2022-12-31',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '窗口：2023-01-01',
    facts: tenant([PUBLIC]),
    asOf: '2023-01-01',
    verdict: 'eligible',
    yuan: 6000,
  },
  {
    name: '窗口：2024-01-01',
    facts: tenant([PUBLIC]),
    asOf: '2024-01-01',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '缺登记信息',
    facts: [ex.leaseRegistry([ex.lease(PUBLIC)])],
    asOf: '2023-08-01',
    verdict: 'incomplete',
    missing: ['market_registry'],
  },
];

const BASE = {
  premises: 'incubator_base' as const,
  landlordKind: 'state' as const,
  monthlyRentFen: 100_000,
  monthlyServiceFeesFen: 50_000,
  startOn: '2020-03-01',
  endOn: '2021-02-28',
};
const INCUBATOR: GoldenCase[] = [
  {
    name: '入驻孵化基地：场租1000+宽带水电物业500 → 12个月18000元',
    facts: tenant([BASE], { industry: 'technology' }),
    asOf: '2020-10-01',
    verdict: 'eligible',
    yuan: 18_000,
  },
  {
    name: '单户上限 3万元',
    facts: tenant([{ ...BASE, monthlyRentFen: 300_000 }], { industry: 'technology' }),
    asOf: '2020-10-01',
    verdict: 'eligible',
    yuan: 30_000,
  },
  {
    name: '普通房屋不算',
    facts: tenant([{ ...BASE, premises: 'ordinary' }]),
    asOf: '2020-10-01',
    verdict: 'ineligible',
    failing: ['in_incubator'],
  },
  {
    name: '边界：入驻合同当日到期',
    facts: tenant([{ ...BASE, endOn: '2020-10-01' }]),
    asOf: '2020-10-01',
    verdict: 'eligible',
    yuan: 18_000,
  },
  {
    name: '边界：入驻合同前一日到期',
    facts: tenant([{ ...BASE, endOn: '2020-09-30' }]),
    asOf: '2020-10-01',
    verdict: 'ineligible',
    failing: ['in_incubator'],
  },
  {
    name: '窗口：2019-12-31',
    facts: tenant([{ ...BASE, startOn: '2019-06-01' }]),
    asOf: '2019-12-31',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '窗口：2021-12-31',
    facts: tenant([{ ...BASE, endOn: '2022-06-30' }]),
    asOf: '2021-12-31',
    verdict: 'eligible',
    yuan: 18_000,
  },
  {
    name: '窗口：2022-01-01',
    facts: tenant([{ ...BASE, endOn: '2022-06-30' }]),
    asOf: '2022-01-01',
    verdict: 'ineligible',
    failing: ['effective_window'],
  },
  {
    name: '缺租赁备案',
    facts: [ex.marketRegistry()],
    asOf: '2020-10-01',
    verdict: 'incomplete',
    missing: ['lease_registry'],
  },
];

describe.each<[string, GoldenCase[]]>([
  ['rent-waiver-state', RENT_WAIVER_STATE],
  ['rent-waiver-2023', RENT_WAIVER_2023],
  ['incubator-fee-waiver', INCUBATOR],
])('%s', (policyId, cases) => {
  it.each(cases)('$name', (c) => checkGolden(policyId, c, expect));
});
