/**
 * One loan in a list: the borrower's 办件, the 人社, guarantee and bank queues. Staff rows name
 * the borrower; rows waiting at a step show its SLA countdown in working days.
 */
import { View, Text } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@shared/money';
import type { LoanSummary } from '../../api/loans';
import { formatDate, slaCountdown } from '../../format';
import './row.scss';

export function LoanRow({ loan, onOpen }: { loan: LoanSummary; onOpen: () => void }) {
  const sla =
    loan.sla?.calendarKnown === true
      ? slaCountdown(loan.sla.overdueBy > 0 ? -loan.sla.overdueBy : loan.sla.remainingWorkingDays)
      : undefined;
  const amountFen = loan.principalFen ?? loan.guaranteedFen ?? loan.requestedFen;
  const amountLabel =
    loan.principalFen !== null ? '贷款本金' : loan.guaranteedFen !== null ? '担保金额' : '申请金额';
  return (
    <View className="loan-row" data-testid="loan-row" onClick={onOpen}>
      <View className="loan-row__head">
        <Text className="loan-row__title">
          {loan.borrower ? `${loan.borrower.name} · ` : ''}创业担保贷款
        </Text>
        <Tag
          type={
            loan.status === 'rejected' || loan.status === 'defaulted'
              ? 'danger'
              : loan.status === 'active' || loan.status === 'repaid'
                ? 'success'
                : 'primary'
          }
        >
          {loan.statusLabel}
        </Tag>
      </View>
      {loan.businessName && <Text className="loan-row__line">经营项目：{loan.businessName}</Text>}
      <Text className="loan-row__line">
        {amountLabel} <Text className="money">{formatFen(amountFen)}</Text>
      </Text>
      {loan.outstandingFen !== null && loan.status === 'active' && (
        <Text className="loan-row__line">剩余本金 {formatFen(loan.outstandingFen)}</Text>
      )}
      <Text className="loan-row__line">
        提交于 {formatDate(loan.submittedAt)}
        {loan.stepLabel ? ` · ${loan.stepLabel}` : ''}
      </Text>
      {sla && <Text className={`loan-row__line loan-sla--${sla.tone}`}>{sla.text}</Text>}
    </View>
  );
}
