import { validateLoan, type LoanDraft } from './validate';

const policy = {
  capFen: 20_000_000,
  maxTermMonths: 36,
  materials: [
    { id: 'id_card', name: '居民身份证', optional: false },
    { id: 'group_certificate', name: '重点群体身份证明', optional: true },
  ],
};
const applicant = { subject: { kind: 'person' as const, name: '张建军' } };
const draft: LoanDraft = {
  amountYuan: '200000',
  termMonths: 24,
  purpose: '购置厨房设备',
  businessName: '建军便民餐馆',
  industry: 'catering',
  materials: { id_card: { uploadId: 'upl_1', fileName: 'id.png' } },
  account: {
    source: 'new',
    accountName: '张建军',
    bankName: '甘肃银行高台支行',
    accountNumber: '6230270123456780030',
    // typed twice (the account form reads it back before money can go there)
    accountNumberRepeat: '6230270123456780030',
  },
  pledged: true,
};

test('¥200,000 with the certificate missing (容缺) is sent, in fen', () => {
  const v = validateLoan(draft, policy, applicant);
  expect(v.ok && v.body).toMatchObject({
    requestedFen: 20_000_000,
    termMonths: 24,
    business: { name: '建军便民餐馆', industry: 'catering' },
    materials: [{ materialId: 'id_card', uploadId: 'upl_1' }],
  });
});

test('above the ceiling is refused naming it; missing fields are named', () => {
  const v = validateLoan(
    { ...draft, amountYuan: '200000.01', purpose: ' ', industry: '', materials: {} },
    policy,
    applicant,
  );
  expect(v.ok).toBe(false);
  if (!v.ok) {
    expect(v.errors.amountYuan).toBe('贷款金额不能超过个人最高额度 ¥200,000.00');
    expect(v.errors.purpose).toBe('请填写贷款用途');
    expect(v.errors.industry).toBe('请选择所属行业');
    expect(v.errors['material.id_card']).toBe('请上传居民身份证');
    expect(v.errors['material.group_certificate']).toBeUndefined();
  }
});
