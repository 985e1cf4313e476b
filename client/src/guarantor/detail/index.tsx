/**
 * 担保审核: approve with a guarantee fee rate (the cap that applies is shown — the standard
 * rate, 0.5 points less for a hard-hit firm, 1.5 % for living services, 1 % for epidemic
 * control, seed 003 — and a rate above it is refused before sending), ask for counter-guarantee
 * material, or refuse with a reason.
 */
import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { formatFen } from '@shared/money';
import { decideGuarantee, type LoanDetail } from '../../api/loans';
import { percentText, percentToBp } from '../../components/loan/logic';
import {
  Choices,
  DecisionError,
  FormField,
  StaffLoanPage,
  SubmitButton,
  TextBox,
  TextInput,
  useDecision,
} from '../../components/loan/staff';
import { parseYuanInput } from '../../format';

type Kind = 'approve' | 'counter_guarantee' | 'reject';

/** The fee cap for this borrower: hard-hit or not (the trade is on the application). */
export function feeCapOf(loan: LoanDetail, hardHit: boolean) {
  return hardHit ? loan.terms.feeCap.hardHit : loan.terms.feeCap.standard;
}

export function GuaranteeForm({
  loan,
  onDone,
}: {
  loan: LoanDetail;
  onDone: (l: LoanDetail) => void;
}) {
  const [kind, setKind] = useState<Kind | null>(null);
  const [hardHit, setHardHit] = useState(false);
  const [feePercent, setFeePercent] = useState('');
  const [amountYuan, setAmountYuan] = useState('');
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<Partial<Record<string, string>>>({});
  const d = useDecision(onDone);
  if (loan.status !== 'guarantee_review') return null;
  const cap = feeCapOf(loan, hardHit);
  const counterPending =
    loan.counterGuarantee !== null && loan.counterGuarantee.providedAt === null;

  function submit() {
    const errors: Partial<Record<string, string>> = {};
    if (kind === 'approve') {
      const feeRateBp = percentToBp(feePercent);
      const guaranteedFen = amountYuan.trim() === '' ? undefined : parseYuanInput(amountYuan);
      if (feeRateBp === undefined) errors.fee = '请输入担保费率，例如 1.00';
      else if (feeRateBp > cap.capBp)
        errors.fee = `担保费率不能超过 ${percentText(cap.capBp)}（${cap.label}）`;
      if (amountYuan.trim() !== '' && (guaranteedFen === undefined || guaranteedFen <= 0))
        errors.amount = '请输入正确的担保金额（元）';
      else if (guaranteedFen !== undefined && guaranteedFen > loan.requestedFen)
        errors.amount = `担保金额不能超过申请金额 ${formatFen(loan.requestedFen)}`;
      setFieldError(errors);
      if (Object.keys(errors).length > 0 || feeRateBp === undefined) return;
      void d.run((key) =>
        decideGuarantee(
          loan.id,
          {
            decision: 'approve',
            feeRateBp,
            hardHit,
            ...(guaranteedFen !== undefined ? { guaranteedFen } : {}),
          },
          key,
        ),
      );
    } else if (kind === 'counter_guarantee' || kind === 'reject') {
      if (!text.trim()) {
        setFieldError({
          text: kind === 'reject' ? '请填写不予担保的理由' : '请写明需要的反担保材料',
        });
        return;
      }
      setFieldError({});
      void d.run((key) =>
        decideGuarantee(
          loan.id,
          kind === 'reject'
            ? { decision: 'reject', reason: text.trim() }
            : { decision: 'counter_guarantee', note: text.trim() },
          key,
        ),
      );
    }
  }

  return (
    <View className="loan__card" data-testid="guarantee-form">
      <Text className="loan__heading">担保决定</Text>
      {counterPending && (
        <Text className="loan__line loan__warn">已要求反担保材料，借款人尚未提交</Text>
      )}
      <Choices<Kind>
        value={kind}
        onChange={(k) => {
          setKind(k);
          setFieldError({});
        }}
        options={[
          { key: 'approve', label: '同意担保' },
          { key: 'counter_guarantee', label: '要求反担保' },
          { key: 'reject', label: '不予担保' },
        ]}
      />
      {kind === 'approve' && (
        <View>
          <View
            className={`loan-pledge ${hardHit ? 'loan-pledge--on' : ''}`}
            role="checkbox"
            aria-checked={hardHit}
            data-testid="hard-hit"
            onClick={() => setHardHit(!hardHit)}
          >
            <Text className="loan-pledge__box">{hardHit ? '✓' : ''}</Text>
            <Text className="loan-pledge__text">
              受疫情影响严重的中小微企业（费率降低0.5个百分点）
            </Text>
          </View>
          <FormField
            label="担保费率（%）"
            hint={`适用上限 ${percentText(cap.capBp)}：${cap.label}`}
            error={fieldError.fee}
          >
            <TextInput
              digit
              value={feePercent}
              onChange={(v) => {
                setFeePercent(v);
                setFieldError((e) => ({ ...e, fee: undefined }));
              }}
              placeholder={`不超过 ${percentText(cap.capBp)}`}
              testId="fee-rate"
            />
          </FormField>
          <FormField
            label="担保金额（元）"
            hint={`不填即按申请金额 ${formatFen(loan.requestedFen)} 担保`}
            error={fieldError.amount}
          >
            <TextInput digit value={amountYuan} onChange={setAmountYuan} placeholder="选填" />
          </FormField>
        </View>
      )}
      {(kind === 'counter_guarantee' || kind === 'reject') && (
        <FormField
          label={kind === 'reject' ? '不予担保理由' : '需要的反担保材料'}
          error={fieldError.text}
        >
          <TextBox
            value={text}
            onChange={setText}
            placeholder={kind === 'reject' ? '将告知借款人' : '例如 房产抵押证明或保证人担保书'}
            testId="guarantee-text"
          />
        </FormField>
      )}
      <DecisionError error={d.error} />
      {kind && (
        <SubmitButton busy={d.busy} onClick={submit}>
          {kind === 'approve'
            ? '确认同意担保'
            : kind === 'reject'
              ? '确认不予担保'
              : '发送反担保要求'}
        </SubmitButton>
      )}
    </View>
  );
}

export default function GuarantorDetailPage() {
  return <StaffLoanPage form={(loan, setLoan) => <GuaranteeForm loan={loan} onDone={setLoan} />} />;
}
