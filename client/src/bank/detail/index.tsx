/**
 * 合作银行: approve with the contract — principal ≤ the guaranteed amount, LPR + spread typed as
 * % (the rate shown as their sum, the spread within the policy's cap), start and maturity, the
 * repayment schedule proposed from the number of instalments, and the account 贴息 is paid to —
 * or refuse with a reason; on an active loan, record a repayment, arrears, their clearing or a
 * deferral (延期还本付息), each under the bank's own reference (applied once).
 */
import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { fen, formatFen } from '@shared/money';
import type { BankEvent } from '@shared/schemas/loan';
import { decideLending, recordBankEvent, type LoanDetail } from '../../api/loans';
import {
  checkContract,
  isDate,
  monthsBetween,
  percentText,
  percentToBp,
  proposeSchedule,
  type ContractDraft,
  type ContractErrors,
} from '../../components/loan/logic';
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
import { formatDate, parseYuanInput } from '../../format';

function LendingForm({ loan, onDone }: { loan: LoanDetail; onDone: (l: LoanDetail) => void }) {
  const limit = loan.guaranteedFen ?? loan.requestedFen;
  const term = loan.details?.termMonths ?? 24;
  const [kind, setKind] = useState<'approve' | 'refuse' | null>(null);
  const [draft, setDraft] = useState<ContractDraft>(() => ({
    contractNo: '',
    principalYuan: String(limit / 100),
    lprPercent: '',
    spreadPercent: '',
    startOn: '',
    maturityOn: '',
    instalments: String(Math.max(1, Math.round(term / 12))),
    accountName: '',
    bankName: '',
    accountNumber: '',
  }));
  const [errors, setErrors] = useState<ContractErrors>({});
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const d = useDecision(onDone);
  const set = (patch: Partial<ContractDraft>) => setDraft((x) => ({ ...x, ...patch }));
  const lpr = percentToBp(draft.lprPercent);
  const spread = percentToBp(draft.spreadPercent);
  const principal = parseYuanInput(draft.principalYuan);
  const preview =
    principal &&
    isDate(draft.startOn) &&
    isDate(draft.maturityOn) &&
    draft.maturityOn > draft.startOn
      ? proposeSchedule(
          principal,
          draft.startOn,
          draft.maturityOn,
          monthsBetween(draft.startOn, draft.maturityOn),
          Number(draft.instalments) || 1,
        )
      : [];

  function submit() {
    if (kind === 'refuse') {
      if (!reason.trim()) {
        setReasonError('请填写不予放款的理由');
        return;
      }
      setReasonError(undefined);
      void d.run((key) =>
        decideLending(loan.id, { decision: 'refuse', reason: reason.trim() }, key),
      );
      return;
    }
    const c = checkContract(draft, loan);
    if (!c.ok) {
      setErrors(c.errors);
      return;
    }
    setErrors({});
    void d.run((key) => decideLending(loan.id, { decision: 'approve', ...c.value }, key));
  }

  return (
    <View className="loan__card" data-testid="lending-form">
      <Text className="loan__heading">放款审批</Text>
      <Text className="loan__line">
        担保金额 {formatFen(limit)} · 申请期限 {String(term)} 个月
      </Text>
      <Choices
        value={kind}
        onChange={setKind}
        options={[
          { key: 'approve', label: '同意放款' },
          { key: 'refuse', label: '不予放款' },
        ]}
      />
      {kind === 'approve' && (
        <View>
          <FormField label="合同编号" error={errors.contractNo}>
            <TextInput
              value={draft.contractNo}
              onChange={(v) => set({ contractNo: v })}
              placeholder="例如 GSB-2020-0001"
              testId="contract-no"
            />
          </FormField>
          <FormField
            label="贷款本金（元）"
            hint={`不超过担保金额 ${formatFen(limit)}`}
            error={errors.principalYuan}
          >
            <TextInput
              digit
              value={draft.principalYuan}
              onChange={(v) => set({ principalYuan: v })}
            />
          </FormField>
          <FormField label="LPR（%）" error={errors.lprPercent}>
            <TextInput
              digit
              value={draft.lprPercent}
              onChange={(v) => set({ lprPercent: v })}
              placeholder="例如 3.85"
              testId="lpr"
            />
          </FormField>
          <FormField
            label="加点（%）"
            hint={`最高 ${percentText(loan.terms.maxSpreadBp)}`}
            error={errors.spreadPercent}
          >
            <TextInput
              digit
              value={draft.spreadPercent}
              onChange={(v) => set({ spreadPercent: v })}
              placeholder="例如 0.50"
              testId="spread"
            />
          </FormField>
          <Text className="loan__line" data-testid="annual-rate">
            合同年利率：
            {lpr !== undefined && spread !== undefined
              ? `${percentText(lpr + spread)}（LPR ${percentText(lpr)} + ${percentText(spread)}）`
              : '填写 LPR 和加点后显示'}
          </Text>
          <FormField label="放款日" error={errors.startOn}>
            <TextInput
              value={draft.startOn}
              onChange={(v) => set({ startOn: v })}
              placeholder="2020-12-15"
              testId="start-on"
            />
          </FormField>
          <FormField
            label="到期日"
            hint={`期限不超过 ${String(loan.terms.maxTermMonths)} 个月`}
            error={errors.maturityOn}
          >
            <TextInput
              value={draft.maturityOn}
              onChange={(v) => set({ maturityOn: v })}
              placeholder="2022-12-15"
              testId="maturity-on"
            />
          </FormField>
          <FormField label="还款期数" error={errors.instalments}>
            <TextInput digit value={draft.instalments} onChange={(v) => set({ instalments: v })} />
          </FormField>
          {preview.length > 0 && (
            <View className="loan__sub" data-testid="schedule-preview">
              <Text className="loan__subheading">还款计划（等额还本）</Text>
              {preview.map((r, i) => (
                <View key={r.dueOn} className="loan__row">
                  <Text className="loan__label">
                    第{String(i + 1)}期 {formatDate(r.dueOn)}
                  </Text>
                  <Text className="loan__value">{formatFen(fen(r.principalFen))}</Text>
                </View>
              ))}
            </View>
          )}
          {loan.terms.interestPayee === 'bank' && (
            <View className="loan__sub">
              <Text className="loan__subheading">贴息收款账户（本行）</Text>
              <FormField label="户名" error={errors.accountName}>
                <TextInput
                  value={draft.accountName}
                  onChange={(v) => set({ accountName: v })}
                  testId="bank-account-name"
                />
              </FormField>
              <FormField label="开户行" error={errors.bankName}>
                <TextInput
                  value={draft.bankName}
                  onChange={(v) => set({ bankName: v })}
                  testId="bank-name"
                />
              </FormField>
              <FormField label="账号" error={errors.accountNumber}>
                <TextInput
                  digit
                  value={draft.accountNumber}
                  onChange={(v) => set({ accountNumber: v })}
                  testId="bank-account-number"
                />
              </FormField>
            </View>
          )}
        </View>
      )}
      {kind === 'refuse' && (
        <FormField label="不予放款理由" error={reasonError}>
          <TextBox value={reason} onChange={setReason} placeholder="将告知借款人" />
        </FormField>
      )}
      <DecisionError error={d.error} />
      {kind && (
        <SubmitButton busy={d.busy} onClick={submit}>
          {kind === 'approve' ? '确认放款并登记合同' : '确认不予放款'}
        </SubmitButton>
      )}
    </View>
  );
}

type EventKind = 'repayment' | 'arrears' | 'arrears_cleared' | 'deferral';

function BankEventForm({ loan, onDone }: { loan: LoanDetail; onDone: (l: LoanDetail) => void }) {
  const [kind, setKind] = useState<EventKind | null>(null);
  const [ref, setRef] = useState('');
  const [on, setOn] = useState('');
  const [amountYuan, setAmountYuan] = useState('');
  const [untilOn, setUntilOn] = useState('');
  const [arrearsRef, setArrearsRef] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | null>(null);
  const d = useDecision((l) => {
    setSaved('已登记');
    setRef('');
    setAmountYuan('');
    onDone(l);
  });
  if (loan.status !== 'active') return null;
  const open = loan.arrears.filter((a) => !a.clearedOn);

  function submit() {
    setSaved(null);
    if (!/^[A-Za-z0-9_-]{4,64}$/.test(ref.trim())) {
      setError('请填写银行流水号（4–64 位字母或数字）');
      return;
    }
    if (!isDate(on)) {
      setError('请按 2020-12-15 的格式填写日期');
      return;
    }
    const amount = parseYuanInput(amountYuan);
    let body: BankEvent;
    switch (kind) {
      case 'repayment':
      case 'arrears':
        if (!amount) {
          setError('请输入正确的金额（元）');
          return;
        }
        body =
          kind === 'repayment'
            ? { kind, ref: ref.trim(), on, principalFen: amount }
            : { kind, ref: ref.trim(), dueOn: on, amountFen: amount };
        break;
      case 'arrears_cleared':
        if (!arrearsRef) {
          setError('请选择已结清的逾期记录');
          return;
        }
        body = { kind, ref: ref.trim(), arrearsRef, on };
        break;
      case 'deferral':
        if (!isDate(untilOn)) {
          setError('请按 2021-03-31 的格式填写延期至');
          return;
        }
        body = { kind, ref: ref.trim(), on, untilOn };
        break;
      default:
        return;
    }
    setError(undefined);
    void d.run((key) => recordBankEvent(loan.id, body, key));
  }

  return (
    <View className="loan__card" data-testid="bank-event-form">
      <Text className="loan__heading">还款登记</Text>
      <Choices<EventKind>
        value={kind}
        onChange={(k) => {
          setKind(k);
          setError(undefined);
          setSaved(null);
        }}
        options={[
          { key: 'repayment', label: '还款' },
          { key: 'arrears', label: '逾期' },
          ...(open.length > 0 ? [{ key: 'arrears_cleared' as const, label: '逾期结清' }] : []),
          { key: 'deferral', label: '延期还本付息' },
        ]}
      />
      {kind && (
        <View>
          <FormField label="银行流水号" hint="同一流水号只登记一次">
            <TextInput value={ref} onChange={setRef} placeholder="例如 GSB20201215001" />
          </FormField>
          <FormField label={kind === 'arrears' ? '应还日' : '日期'}>
            <TextInput value={on} onChange={setOn} placeholder="2020-12-15" />
          </FormField>
          {(kind === 'repayment' || kind === 'arrears') && (
            <FormField label={kind === 'repayment' ? '还款本金（元）' : '逾期金额（元）'}>
              <TextInput digit value={amountYuan} onChange={setAmountYuan} />
            </FormField>
          )}
          {kind === 'arrears_cleared' && (
            <Choices
              value={arrearsRef || null}
              onChange={setArrearsRef}
              options={open.map((a) => ({
                key: a.ref,
                label: `${formatDate(a.dueOn)} ${formatFen(a.amountFen)}`,
              }))}
            />
          )}
          {kind === 'deferral' && (
            <FormField label="延期至" hint={`最晚 ${formatDate(loan.terms.deferralLatestUntilOn)}`}>
              <TextInput value={untilOn} onChange={setUntilOn} placeholder="2021-03-31" />
            </FormField>
          )}
          {error && <Text className="loan-form__error">{error}</Text>}
          {saved && <Text className="loan__line loan__ok">{saved}</Text>}
          <DecisionError error={d.error} />
          <SubmitButton busy={d.busy} onClick={submit}>
            登记
          </SubmitButton>
        </View>
      )}
    </View>
  );
}

export default function BankDetailPage() {
  return (
    <StaffLoanPage
      form={(loan, setLoan) =>
        loan.status === 'bank_lending' ? (
          <LendingForm loan={loan} onDone={setLoan} />
        ) : (
          <BankEventForm loan={loan} onDone={setLoan} />
        )
      }
    />
  );
}
