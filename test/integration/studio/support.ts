/** The demo county plus a second admin and an auditor, and a small policy document to author. */
import { signSession } from '../../../functions/_lib/session';
import { putUser } from '../../../functions/repositories/users';
import * as ex from '../../../shared/facts/examples';
import type { UserId } from '../../../shared/ids';
import type { User } from '../../../shared/user';
import { actorOf } from '../../../shared/user';
import { demoCounty } from '../apply/setup';

export async function studioCounty() {
  const tokens = await demoCounty();
  const extra: User[] = [
    { id: 'usr_admin02' as UserId, name: '第二管理员', role: 'admin' },
    { id: 'usr_audit01' as UserId, name: '审计员', role: 'auditor' },
  ];
  for (const u of extra) await putUser(u);
  const [admin02, auditor] = await Promise.all(
    extra.map(async (u) => (await signSession(actorOf(u), new Date())).token),
  );
  return { ...tokens, admin02: admin02 as string, auditor: auditor as string };
}

export const PARAM = 'county-hire-bonus.amount';

/** A 2020–2021 county bonus for operating enterprises, its amount read from a dated parameter. */
export function bonusDocument(over: Record<string, unknown> = {}) {
  return {
    id: 'county-hire-bonus',
    version: 1,
    title: '县级稳岗奖励',
    summary: '正常经营的企业可申请县级稳岗奖励，金额按县里发布的参数执行。',
    department: 'hrss',
    kind: 'subsidy',
    subjectKind: 'enterprise',
    mode: 'apply',
    benefitPeriod: 'once',
    effectiveFrom: '2020-12-15',
    effectiveTo: '2021-12-31',
    eligibility: [
      {
        id: 'operating',
        label: '市场主体登记状态为存续（正常经营）',
        rule: {
          op: 'eq',
          args: [
            { op: 'fact', path: 'market_registry.status' },
            { op: 'const', value: 'operating' },
          ],
        },
      },
    ],
    amount: { op: 'param', name: PARAM },
    capFen: 1_000_000,
    budgetFen: 100_000_000,
    materials: [{ id: 'hire_roster', name: '用工花名册', optional: false }],
    reviewLevels: 1,
    publicityDays: 0,
    paymentSlaWorkingDays: 10,
    office: '高台县政务服务中心二楼 人社局就业服务窗口',
    phone: '0936-6621001',
    complaintPhone: '12333',
    source: {
      seed: '003_c3feb7f8fe63172f.txt',
      clause: '县级配套措施（测试）',
      quote: '对正常经营的企业给予稳岗奖励',
    },
    ...over,
  };
}

export function goldenCases(amountFen = 300_000) {
  return [
    {
      name: '正常经营的企业 → 奖励',
      facts: [ex.marketRegistry()],
      asOf: '2020-12-15',
      verdict: 'eligible',
      amountFen,
    },
    {
      name: '已注销的企业 → 不符合',
      facts: [ex.marketRegistry({ status: 'deregistered' })],
      asOf: '2020-12-15',
      verdict: 'ineligible',
      failing: ['operating'],
    },
  ];
}
