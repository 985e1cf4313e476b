/** Response bodies shaped by the shared schemas, for component tests. */
import { fen } from '@shared/money';
import type { ApplicationDetail } from '../api/applications';
import type { Match, PolicyDetail } from '../api/policies';
import type { Me } from '../api/auth';
import type { ConditionRow } from '../admin/studio/form';

export const startupGrant: PolicyDetail = {
  id: 'startup-grant',
  version: 1,
  title: '一次性创业补贴',
  summary: '首次创业的重点群体，一次性补贴 5000 元',
  department: 'hrss',
  departmentName: '人社局',
  kind: 'subsidy',
  subjectKind: 'person',
  mode: 'apply',
  effectiveFrom: '2020-01-01',
  effectiveTo: '2022-12-31',
  capFen: fen(500000),
  eligibility: [
    { id: 'first-business', label: '首次创办小微企业或从事个体经营' },
    { id: 'group', label: '属于重点就业群体' },
  ],
  materials: [
    { id: 'id_card', name: '居民身份证', optional: false },
    { id: 'business_licence', name: '营业执照', optional: false },
    { id: 'group_certificate', name: '重点群体身份证明', optional: true },
  ],
  reviewLevels: 2,
  publicityDays: 5,
  paymentSlaWorkingDays: 20,
  office: '县人社局就业股',
  phone: '0936-0000000',
  complaintPhone: '12345',
  parameters: [{ name: '补贴标准', value: 5000, unit: '元', note: '' }],
  source: { seed: '003', clause: '第三条', quote: '给予一次性创业补贴5000元' },
};

export const startupMatch: Match = {
  policyId: 'startup-grant',
  title: '一次性创业补贴',
  department: 'hrss',
  departmentName: '人社局',
  kind: 'subsidy',
  mode: 'apply',
  verdict: 'eligible',
  eligible: true,
  estimatedFen: fen(500000),
  canApply: true,
  explanation: {
    policyId: 'startup-grant',
    version: 1,
    asOf: '2020-12-15',
    verdict: 'eligible',
    eligible: true,
    amountFen: fen(500000),
    uncappedAmountFen: fen(500000),
    capApplied: false,
    conditions: [],
    missingFacts: [],
  },
};

export const wang: Me = {
  id: 'usr_wangxm01',
  name: '王小明（创业者）',
  role: 'applicant',
  subject: { id: 'sub_1', kind: 'person', name: '王小明', code: '6207**********1234' },
  account: { accountMasked: '****0030', bankName: '甘肃省农村信用社（社保卡）' },
};

/** A resident with no account on file (as 李秀英 in the demo county). */
export const li: Me = {
  id: 'usr_lixy01',
  name: '李秀英（务工人员）',
  role: 'applicant',
  subject: { id: 'sub_2', kind: 'person', name: '李秀英', code: '6207**********2468' },
};

export function application(over: Partial<ApplicationDetail> = {}): ApplicationDetail {
  return {
    id: 'app_01',
    policyId: 'startup-grant',
    policyTitle: '一次性创业补贴',
    department: 'hrss',
    status: 'pending_supplement',
    statusLabel: '待补正（容缺受理）',
    requestedFen: fen(500000),
    createdAt: '2020-12-15T02:00:00.000Z',
    submittedAt: '2020-12-15T02:00:00.000Z',
    supplementDueAt: '2020-12-22T02:00:00.000Z',
    version: 2,
    policyVersion: 1,
    capFen: fen(500000),
    reviewLevels: 2,
    materials: [
      {
        materialId: 'id_card',
        name: '居民身份证',
        optional: false,
        provided: true,
        uploadId: 'upl_1',
      },
      {
        materialId: 'business_licence',
        name: '营业执照',
        optional: false,
        provided: true,
        uploadId: 'upl_2',
      },
      {
        materialId: 'group_certificate',
        name: '重点群体身份证明',
        optional: true,
        provided: false,
      },
    ],
    objections: [],
    timeline: [
      {
        at: '2020-12-15T02:00:00.000Z',
        type: 'ApplicationDrafted',
        to: 'draft',
        text: '创建申请',
        by: 'applicant',
      },
      {
        at: '2020-12-15T02:00:00.000Z',
        type: 'ApplicationSubmitted',
        from: 'draft',
        to: 'submitted',
        text: '提交申请',
        by: 'applicant',
      },
      {
        at: '2020-12-15T02:00:01.000Z',
        type: 'SupplementRequested',
        from: 'submitted',
        to: 'pending_supplement',
        text: '容缺受理，请于 2020年12月22日 前补交：重点群体身份证明',
        by: 'system',
      },
    ],
    ...over,
  };
}

/** Two simple conditions (正常经营, 参保人数不少于10人): the golden-case tests' policy. */
export const goldenRows: ConditionRow[] = [
  {
    kind: 'simple',
    id: 'c1',
    label: '正常经营',
    path: 'market_registry.status',
    op: 'eq',
    value: 'operating',
  },
  {
    kind: 'simple',
    id: 'c2',
    label: '参保人数不少于10人',
    path: 'social_insurance.headcountAtYearStart',
    op: 'gte',
    value: '10',
  },
];
