/**
 * The apply form's checks, before anything is sent: the shared request schema
 * (SubmitApplicationBody, the same one the server parses) plus the rules the form knows
 * from the policy — every non-容缺 material present, amount within the cap, the pledge —
 * and the receiving account by shared/payee (errors keyed `account.<field>`).
 */
import { SubmitApplicationBody } from '@shared/schemas/application';
import { formatFen } from '@shared/money';
import type { PayeeSubject } from '@shared/payee';
import type { PolicyDetail } from '../../api/policies';
import { checkAccount, initialAccount, type OnFileAccount } from '../../components/account-form';
import { parseYuanInput } from '../../format';
import type { ApplyDraft } from './draft';

export type FormErrors = Partial<Record<string, string>>;

export type Validated =
  | { ok: true; body: SubmitApplicationBody; missingOptional: string[] }
  | { ok: false; errors: FormErrors };

export interface Applicant {
  subject: PayeeSubject;
  /** the account on file, masked */
  onFile?: OnFileAccount;
}

export function validateApplication(
  policy: PolicyDetail,
  draft: ApplyDraft,
  applicant: Applicant,
): Validated {
  const errors: FormErrors = {};
  for (const m of policy.materials) {
    if (!m.optional && !draft.materials[m.id]) errors[`material.${m.id}`] = `请上传${m.name}`;
  }
  let requestedFen: number | undefined;
  if (draft.requestedYuan.trim() !== '') {
    requestedFen = parseYuanInput(draft.requestedYuan);
    if (requestedFen === undefined) errors.requestedYuan = '请输入正确的金额，最多两位小数';
    else if (requestedFen === 0) errors.requestedYuan = '申请金额必须大于 0';
    else if (requestedFen > policy.capFen)
      errors.requestedYuan = `申请金额不能超过政策上限 ${formatFen(policy.capFen)}`;
  }
  const account = checkAccount(
    initialAccount(applicant.subject, applicant.onFile, draft.account),
    applicant.subject,
    applicant.onFile,
  );
  if (!account.ok)
    for (const [field, message] of Object.entries(account.errors))
      errors[`account.${field}`] = message;
  if (!draft.pledged) errors.pledged = '请阅读并勾选承诺';

  const body: SubmitApplicationBody = {
    policyId: policy.id,
    ...(requestedFen ? { requestedFen } : {}),
    materials: policy.materials.flatMap((m) => {
      const file = draft.materials[m.id];
      return file ? [{ materialId: m.id, uploadId: file.uploadId }] : [];
    }),
    account: account.ok ? account.account : { source: 'profile' },
  };
  const parsed = SubmitApplicationBody.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index] = issue.path as (PropertyKey | undefined)[];
      const key =
        head === 'materials' && typeof index === 'number'
          ? `material.${body.materials[index]?.materialId}`
          : String(head ?? 'form');
      errors[key] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body,
    missingOptional: policy.materials
      .filter((m) => m.optional && !draft.materials[m.id])
      .map((m) => m.name),
  };
}
