/**
 * The loan form's checks before anything is sent (the server checks again): the amount in yuan
 * within the policy's ceiling (¥200,000), a term the policy allows, purpose and business named,
 * the required materials present (optional ones may follow as 容缺), the repayment account by
 * shared/payee, and the pledge. Errors are keyed by field, in Chinese.
 */
import { fen, formatFen } from '@shared/money';
import type { PayeeSubject } from '@shared/payee';
import type { LoanIndustry } from '@shared/loan-terms';
import type { AccountChoice } from '@shared/schemas/application';
import type { ApplyLoanInput } from '../../api/loans';
import { checkAccount, type AccountDraft, type OnFileAccount } from '../../components/account-form';
import { parseYuanInput } from '../../format';

export interface LoanDraft {
  amountYuan: string;
  termMonths: number;
  purpose: string;
  businessName: string;
  industry: LoanIndustry | '';
  materials: Partial<Record<string, { uploadId: string; fileName: string }>>;
  account: AccountDraft;
  pledged: boolean;
}

export type LoanFormErrors = Partial<Record<string, string>>;

export function validateLoan(
  d: LoanDraft,
  policy: {
    capFen: number;
    maxTermMonths: number;
    materials: readonly { id: string; name: string; optional: boolean }[];
  },
  applicant: { subject: PayeeSubject; onFile?: OnFileAccount },
): { ok: true; body: ApplyLoanInput } | { ok: false; errors: LoanFormErrors } {
  const errors: LoanFormErrors = {};
  const requestedFen = parseYuanInput(d.amountYuan);
  if (d.amountYuan.trim() === '') errors.amountYuan = '请填写贷款金额';
  else if (requestedFen === undefined) errors.amountYuan = '请输入正确的金额，最多两位小数';
  else if (requestedFen === 0) errors.amountYuan = '贷款金额必须大于 0';
  else if (requestedFen > policy.capFen)
    errors.amountYuan = `贷款金额不能超过个人最高额度 ${formatFen(fen(policy.capFen))}`;
  if (d.termMonths < 1 || d.termMonths > policy.maxTermMonths)
    errors.termMonths = `贷款期限最长 ${String(policy.maxTermMonths)} 个月`;
  if (!d.purpose.trim()) errors.purpose = '请填写贷款用途';
  else if (d.purpose.trim().length > 200) errors.purpose = '贷款用途不超过 200 字';
  if (!d.businessName.trim()) errors.businessName = '请填写经营项目名称';
  else if (d.businessName.trim().length > 100) errors.businessName = '经营项目名称不超过 100 字';
  if (d.industry === '') errors.industry = '请选择所属行业';
  for (const m of policy.materials)
    if (!m.optional && !d.materials[m.id]) errors[`material.${m.id}`] = `请上传${m.name}`;
  const account = checkAccount(d.account, applicant.subject, applicant.onFile);
  if (!account.ok)
    for (const [field, message] of Object.entries(account.errors))
      errors[`account.${field}`] = message;
  if (!d.pledged) errors.pledged = '请阅读并勾选承诺';
  if (Object.keys(errors).length > 0 || requestedFen === undefined || d.industry === '')
    return { ok: false, errors };
  const repaymentAccount: AccountChoice = account.ok ? account.account : { source: 'profile' };
  return {
    ok: true,
    body: {
      policyId: 'startup-loan',
      requestedFen,
      termMonths: d.termMonths,
      purpose: d.purpose.trim(),
      business: { name: d.businessName.trim(), industry: d.industry },
      repaymentAccount,
      materials: policy.materials.flatMap((m) => {
        const f = d.materials[m.id];
        return f ? [{ materialId: m.id, uploadId: f.uploadId }] : [];
      }),
    },
  };
}
