/**
 * The pieces every loan page shows (borrower, 人社 reviewer, guarantee company, bank): the five
 * steps, the application, the contract with its schedule, 贴息 per quarter and the timeline.
 * Amounts in yuan, rates as %, dates in Chinese; never 分, basis points or enum codes.
 */
import { View, Text } from '@tarojs/components';
import { fen, formatFen } from '@shared/money';
import { PAYABLE_STATUS_LABELS } from '@shared/vocabulary';
import type { LoanDetail } from '../../api/loans';
import { formatDate, formatDateTime, slaCountdown } from '../../format';
import { percentText, progressOf, refusedStepOf, termText } from './logic';
import './index.scss';

const Line = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <View className="loan__row">
    <Text className="loan__label">{label}</Text>
    <Text className="loan__value">{children}</Text>
  </View>
);

/** A 贴息 payout's state in words (an unknown one reads 处理中). */
const PAYOUT_LABEL: Partial<Record<string, string>> = PAYABLE_STATUS_LABELS;

/** 2020-Q4 → 2020年第4季度 */
export function quarterText(q: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(q);
  return m ? `${m[1]}年第${m[2]}季度` : q;
}

export function LoanProgress({ loan }: { loan: LoanDetail }) {
  const steps = progressOf({
    status: loan.status,
    ...(loan.status === 'rejected' ? { refusedAt: refusedStepOf(loan.timeline) } : {}),
  });
  return (
    <View className="loan__steps" data-testid="loan-steps">
      {steps.map((s, i) => (
        <View key={s.key} className={`loan-step loan-step--${s.state}`} data-testid="loan-step">
          <Text className="loan-step__mark">
            {s.state === 'done' ? '✓' : s.state === 'failed' ? '✗' : String(i + 1)}
          </Text>
          <Text className="loan-step__label">
            {s.label}
            {s.state === 'current' ? '（当前）' : s.state === 'failed' ? '（未通过）' : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** The state and, while a step waits, its SLA countdown in working days. */
export function LoanStatusLine({ loan }: { loan: LoanDetail }) {
  const sla =
    loan.sla?.calendarKnown === true
      ? slaCountdown(loan.sla.overdueBy > 0 ? -loan.sla.overdueBy : loan.sla.remainingWorkingDays)
      : undefined;
  return (
    <View className="loan__card">
      <Text className="loan__title" data-testid="loan-status">
        {loan.statusLabel}
      </Text>
      {loan.stepLabel && (
        <Text className="loan__line">
          当前环节：{loan.stepLabel}
          {loan.sla?.calendarKnown === true ? `，办理时限 ${formatDate(loan.sla.dueOn)}` : ''}
        </Text>
      )}
      {sla && <Text className={`loan__line loan-sla loan-sla--${sla.tone}`}>{sla.text}</Text>}
      {loan.rejectionReason && (
        <Text className="loan__line loan__warn">未通过原因：{loan.rejectionReason}</Text>
      )}
    </View>
  );
}

export function LoanApplication({ loan }: { loan: LoanDetail }) {
  const d = loan.details;
  return (
    <View className="loan__card" data-testid="loan-application">
      <Text className="loan__heading">贷款申请</Text>
      {loan.borrower && (
        <Line label="借款人">
          {loan.borrower.name}（{loan.borrower.idMasked}）
        </Line>
      )}
      <Line label="申请金额">{formatFen(loan.requestedFen)}</Line>
      <Line label="个人最高额度">{formatFen(loan.capFen)}</Line>
      {d && (
        <>
          <Line label="贷款期限">{termText(d.termMonths)}</Line>
          <Line label="贷款用途">{d.purpose}</Line>
          <Line label="经营项目">
            {d.businessName}（{d.industryLabel}）
          </Line>
        </>
      )}
      {loan.repaymentAccount && (
        <Line label="还款账户">
          {loan.repaymentAccount.bankName} {loan.repaymentAccount.accountMasked}
        </Line>
      )}
      <Line label="提交时间">{formatDateTime(loan.submittedAt)}</Line>
      {loan.explanation && (
        <View className="loan__sub">
          <Text className="loan__subheading">
            申请条件（按 {formatDate(loan.explanation.asOf)} 的政府数据认定）
          </Text>
          {loan.explanation.conditions.map((c) => (
            <Text
              key={c.id}
              className={`loan__line ${c.passed === true ? 'loan__ok' : 'loan__warn'}`}
            >
              {c.passed === true ? '✓' : c.passed === false ? '✗' : '?'} {c.label}
            </Text>
          ))}
        </View>
      )}
      <View className="loan__sub">
        <Text className="loan__subheading">申请材料</Text>
        {loan.materials.map((m) => (
          <Text key={m.materialId} className={`loan__line ${m.provided ? '' : 'loan__warn'}`}>
            {m.provided ? '✓' : '○'} {m.name}
            {m.provided ? '' : m.optional ? '（容缺，待补交）' : '（未提交）'}
          </Text>
        ))}
      </View>
    </View>
  );
}

export function LoanGuarantee({ loan }: { loan: LoanDetail }) {
  if (!loan.guaranteeFee && !loan.counterGuarantee && loan.guaranteedFen === null) return null;
  return (
    <View className="loan__card" data-testid="loan-guarantee">
      <Text className="loan__heading">担保</Text>
      {loan.guaranteedFen !== null && <Line label="担保金额">{formatFen(loan.guaranteedFen)}</Line>}
      {loan.guaranteeFee && (
        <>
          <Line label="担保费率">{percentText(loan.guaranteeFee.feeRateBp)}</Line>
          <Line label="适用上限">
            {percentText(loan.guaranteeFee.capBp)}（{loan.guaranteeFee.ruleLabel}）
          </Line>
        </>
      )}
      {loan.counterGuarantee && (
        <>
          <Line label="反担保要求">{loan.counterGuarantee.note}</Line>
          <Line label="反担保材料">
            {loan.counterGuarantee.providedAt
              ? `已于 ${formatDate(loan.counterGuarantee.providedAt)} 提交`
              : '待借款人提交'}
          </Line>
        </>
      )}
    </View>
  );
}

export function LoanContract({ loan }: { loan: LoanDetail }) {
  const c = loan.contract;
  if (!c || loan.principalFen === null) return null;
  const repaidFen = loan.repayments.reduce((s, r) => s + r.principalFen, 0);
  return (
    <View className="loan__card" data-testid="loan-contract">
      <Text className="loan__heading">借款合同</Text>
      <Line label="合同编号">{c.contractNo}</Line>
      <Line label="贷款本金">{formatFen(loan.principalFen)}</Line>
      <Line label="年利率">
        {percentText(c.annualRateBp)}（LPR {percentText(c.lprBp)} + {percentText(c.spreadBp)}）
      </Line>
      <Line label="放款日">{formatDate(loan.lentOn ?? undefined)}</Line>
      <Line label="到期日">{formatDate(loan.maturityOn ?? undefined)}</Line>
      {loan.outstandingFen !== null && (
        <Line label="剩余本金">{formatFen(loan.outstandingFen)}</Line>
      )}
      <Line label="已还本金">{formatFen(fen(repaidFen))}</Line>
      <View className="loan__sub" data-testid="loan-schedule">
        <Text className="loan__subheading">还款计划</Text>
        {c.schedule.map((r, i) => (
          <View key={r.dueOn} className="loan__row">
            <Text className="loan__label">
              第{String(i + 1)}期 {formatDate(r.dueOn)}
            </Text>
            <Text className="loan__value">{formatFen(r.principalFen)}</Text>
          </View>
        ))}
      </View>
      {loan.repayments.length > 0 && (
        <View className="loan__sub">
          <Text className="loan__subheading">还款记录</Text>
          {loan.repayments.map((r, i) => (
            <View key={r.ref ?? `${r.on}-${String(i)}`} className="loan__row">
              <Text className="loan__label">{formatDate(r.on)}</Text>
              <Text className="loan__value">{formatFen(r.principalFen)}</Text>
            </View>
          ))}
        </View>
      )}
      {loan.arrears.length > 0 && (
        <View className="loan__sub">
          <Text className="loan__subheading">逾期记录</Text>
          {loan.arrears.map((a) => (
            <Text key={a.ref} className={`loan__line ${a.clearedOn ? '' : 'loan__warn'}`}>
              应还日 {formatDate(a.dueOn)} {formatFen(a.amountFen)}
              {a.clearedOn ? `，已于 ${formatDate(a.clearedOn)} 结清` : '，未结清'}
            </Text>
          ))}
        </View>
      )}
      {loan.deferral && (
        <Line label="延期还本付息">
          至 {formatDate(loan.deferral.untilOn)}（{formatDate(loan.deferral.grantedOn)} 办理）
        </Line>
      )}
      {loan.compensation && (
        <Line label="担保基金代偿">
          {formatFen(loan.compensation.amountFen)}（{formatDate(loan.compensation.on)}）
        </Line>
      )}
    </View>
  );
}

export function LoanInterest({ loan }: { loan: LoanDetail }) {
  if (loan.principalFen === null) return null;
  const total = loan.interest.reduce((s, p) => s + p.amountFen, 0);
  return (
    <View className="loan__card" data-testid="loan-interest">
      <Text className="loan__heading">财政贴息</Text>
      <Text className="loan__line muted">
        按季度结算，
        {loan.terms.interestPayee === 'bank'
          ? '贴息资金拨付至合作银行，冲抵您应付的利息'
          : '贴息资金拨付至您的还款账户'}
        ；逾期超过规定天数的季度不予贴息。
      </Text>
      {loan.interest.length === 0 && loan.refusedQuarters.length === 0 && (
        <Text className="loan__line">尚无贴息记录（每季度末月20日结算）</Text>
      )}
      {loan.interest.map((p) => (
        <View key={p.quarter} className="loan__row">
          <Text className="loan__label">
            {quarterText(p.quarter)}（{String(p.days)} 天）
          </Text>
          <Text className="loan__value">
            {formatFen(p.amountFen)} · {PAYOUT_LABEL[p.status] ?? '处理中'}
          </Text>
        </View>
      ))}
      {loan.refusedQuarters.map((q) => (
        <Text key={q.quarter} className="loan__line loan__warn">
          {quarterText(q.quarter)} 不予贴息：{q.reason}
        </Text>
      ))}
      {loan.interest.length > 0 && <Line label="累计贴息">{formatFen(fen(total))}</Line>}
    </View>
  );
}

export function LoanTimeline({ loan }: { loan: LoanDetail }) {
  return (
    <View className="loan__card">
      <Text className="loan__heading">办理记录</Text>
      {loan.timeline.map((e, i) => (
        <View key={`${e.at}-${String(i)}`} className="loan__event" data-testid="loan-event">
          <Text className="loan__line">{e.text}</Text>
          <Text className="loan__line muted">
            {formatDateTime(e.at)} · {e.who}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** Everything about one loan, top to bottom, as every role reads it. */
export function LoanOverview({ loan }: { loan: LoanDetail }) {
  return (
    <View>
      <LoanStatusLine loan={loan} />
      <LoanProgress loan={loan} />
      <LoanContract loan={loan} />
      <LoanInterest loan={loan} />
      <LoanGuarantee loan={loan} />
      <LoanApplication loan={loan} />
      <LoanTimeline loan={loan} />
    </View>
  );
}
