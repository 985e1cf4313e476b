/**
 * A policy version is a document (DESIGN.md §3): who pays, to whom, when, how much, on what
 * evidence, through which review — plus the clause it comes from. Applications record the
 * (id, version) they were judged by, so a published version is never edited: publish a new one.
 */
import { z } from 'zod';
import { invalidInput } from '../errors';
import { IsoDate } from '../facts/dates';
import { Condition, Expr } from '../rules/ast';
import type { ParamValues } from '../rules/ast';
import { compileRuleSet } from '../rules/evaluate';
import {
  BenefitPeriod,
  PolicyDepartment,
  PolicyKind,
  PolicyMode,
  SubjectKind,
} from '../vocabulary';
import { SEED_PARAM_VALUES } from './seed-parameters';

// The vocabularies a policy is written in are defined once, with their labels, in shared/vocabulary.
export {
  BenefitPeriod,
  PolicyKind,
  PolicyMode,
  SubjectKind,
  PolicyDepartment,
} from '../vocabulary';
/** The county bureau that reviews and pays; reviewers see only their own queue. */
export type DepartmentCode = PolicyDepartment;

export const PolicyId = z.string().regex(/^[a-z][a-z0-9-]*$/, '政策编号应为小写字母、数字和连字符');
export type PolicyId = z.infer<typeof PolicyId>;

const FenAmount = z.number().int().nonnegative();

export const Material = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.string().min(2),
  /** 容缺: the application is accepted without it and the applicant supplements it later. */
  optional: z.boolean(),
});
export type Material = z.infer<typeof Material>;

export const PolicySource = z.object({
  /** File under `seeds/`, e.g. `003_c3feb7f8fe63172f.txt`. */
  seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/),
  /** Where in it, e.g. `保居民就业工作方案 §四(二)6`. */
  clause: z.string().min(1),
  /** The sentence the rule implements, verbatim. */
  quote: z.string().min(1),
});

const PolicyVersionObject = z.object({
  id: PolicyId,
  version: z.number().int().positive(),
  title: z.string().min(2),
  /** One paragraph for the policy card. */
  summary: z.string().min(2),
  department: PolicyDepartment,
  kind: PolicyKind,
  subjectKind: SubjectKind,
  mode: PolicyMode,
  /** One claim per (policy, subject, period): applications and grants of the same period exclude each other. */
  benefitPeriod: BenefitPeriod,
  /** Applications and grants are judged only as of dates in [effectiveFrom, effectiveTo]. */
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate,
  /** All must pass; each is shown to the applicant with its values. */
  eligibility: z.array(Condition).min(1),
  /** Integer fen. */
  amount: Expr,
  /** Per-subject ceiling; reviewers may approve up to min(computed amount, cap). */
  capFen: FenAmount,
  /** Total funds for this version; the ledger reserves against it. */
  budgetFen: FenAmount,
  /** Empty for auto-only policies: 免申报. */
  materials: z.array(Material),
  /** Applies to the apply path; auto grants skip review (零审批). */
  reviewLevels: z.union([z.literal(1), z.literal(2)]),
  /**
   * 财政审批 (issue #10): payments go out only in a 支付批次 approved by a 财政局 level-2
   * reviewer who decided none of its items. Absent means false.
   */
  financeSignoff: z.boolean().optional(),
  /** 公示 length in working days before payment (counted by shared/calendar). */
  publicityDays: z.number().int().nonnegative(),
  /** Working days from approval (or detection, for auto) to money in the account. */
  paymentSlaWorkingDays: z.number().int().positive(),
  /** 申兑指南: where to go and whom to call (003 保居民就业 §五(四)). */
  office: z.string().min(2),
  phone: z.string().min(5),
  complaintPhone: z.string().min(5),
  source: PolicySource,
});

/** A zod issue in Chinese (our own refinements already are). */
function issueMessage(i: z.core.$ZodIssue): string {
  if (/[\u4e00-\u9fff]/.test(i.message)) return i.message;
  switch (i.code) {
    case 'invalid_type':
      return `类型不符（应为 ${i.expected}）`;
    case 'too_small':
      return '过小或过短';
    case 'too_big':
      return '过大或过长';
    case 'invalid_value':
      return '取值不在允许范围内';
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_union':
      return '不是允许的规则或取值';
    case 'unrecognized_keys':
      return `含未知字段：${i.keys.join(', ')}`;
    case 'not_multiple_of':
      return '须为整数';
    default:
      return '取值不正确';
  }
}

function uniqueIds(xs: readonly { id: string }[]): boolean {
  return new Set(xs.map((x) => x.id)).size === xs.length;
}

export const PolicyVersion = PolicyVersionObject.superRefine((p, ctx) => {
  if (p.effectiveFrom > p.effectiveTo)
    ctx.addIssue({ code: 'custom', message: '有效期开始晚于结束', path: ['effectiveTo'] });
  if (!uniqueIds(p.eligibility))
    ctx.addIssue({ code: 'custom', message: '条件编号重复', path: ['eligibility'] });
  if (!uniqueIds(p.materials))
    ctx.addIssue({ code: 'custom', message: '材料编号重复', path: ['materials'] });
  if (p.mode !== 'auto' && p.materials.length === 0) {
    ctx.addIssue({ code: 'custom', message: '依申请的政策须列出申请材料', path: ['materials'] });
  }
  if (p.capFen > p.budgetFen)
    ctx.addIssue({ code: 'custom', message: '单户上限不能超过总预算', path: ['capFen'] });
  for (const t of tiersIn(p.amount, ['amount'])) {
    if (t.amount > p.capFen) {
      ctx.addIssue({
        code: 'custom',
        message: `单户上限（${String(p.capFen)}分）低于金额档位（${String(t.amount)}分）`,
        path: t.path,
      });
    }
  }
});

/** Every tier amount in an amount rule, with its path (a cap below one makes the tier unreachable). */
function tiersIn(
  e: unknown,
  path: (string | number)[],
): { amount: number; path: (string | number)[] }[] {
  if (Array.isArray(e)) return e.flatMap((x, i) => tiersIn(x, [...path, i]));
  if (e === null || typeof e !== 'object') return [];
  const o = e as Record<string, unknown>;
  const own =
    o.op === 'tier' && Array.isArray(o.tiers)
      ? (o.tiers as { amount: number }[]).map((t, i) => ({
          amount: t.amount,
          path: [...path, 'tiers', i, 'amount'],
        }))
      : [];
  return [
    ...own,
    ...Object.entries(o).flatMap(([k, v]) => (k === 'tiers' ? [] : tiersIn(v, [...path, k]))),
  ];
}
export type PolicyVersion = z.infer<typeof PolicyVersion>;

/**
 * Parse and type-check a policy: zod for shape, then a compile so unknown fact paths, enum
 * typos, ill-typed operators and unknown parameter names are refused at publish time (throws
 * `DomainError`). `params` is the published parameter table the rules may read; by default
 * the seeds' own (shared/policies/data/parameters.json).
 */
export function parsePolicyVersion(
  input: unknown,
  params: ParamValues = SEED_PARAM_VALUES,
): PolicyVersion {
  const result = PolicyVersion.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({
      path: i.path.map((k) => (typeof k === 'symbol' ? String(k) : k)),
      message: issueMessage(i),
    }));
    const first = issues[0];
    throw invalidInput(
      `政策定义格式不正确${first ? `：${first.path.join('.') || '根'} ${first.message}` : ''}`,
      { reason: 'POLICY_INVALID', path: first?.path ?? [], issues },
    );
  }
  compileRuleSet(result.data, params);
  return result.data;
}
