/**
 * A 支付批次 as the admin and the finance approver see it: policy, status, the total in one
 * large line, then each item with its payee (masked), bank, masked account and amount.
 */
import { View, Text } from '@tarojs/components';
import { formatFen, type Fen } from '@shared/money';
import type { PaymentBatchDetail, PaymentBatchSummary } from '../../api/payment-batches';
import { formatDateTime } from '../../format';
import './index.scss';

export function BatchSummaryRow({
  batch,
  onOpen,
}: {
  batch: PaymentBatchSummary;
  onOpen: () => void;
}) {
  return (
    <View className="batch-row" data-testid="batch-row" onClick={onOpen}>
      <View className="batch-row__head">
        <Text className="batch-row__title">{batch.policyTitle}</Text>
        <Text className={`batch-status batch-status--${batch.status}`}>{batch.statusLabel}</Text>
      </View>
      <Text className="batch-row__total money">{formatFen(batch.totalFen as Fen)}</Text>
      <Text className="batch-row__line">
        共 {batch.itemCount} 笔 · 生成于 {formatDateTime(batch.createdAt)}
      </Text>
      {batch.decisionNote && (
        <Text className="batch-row__line">
          {batch.status === 'rejected' ? '退回原因' : '审批意见'}：{batch.decisionNote}
        </Text>
      )}
    </View>
  );
}

export function BatchView({ batch }: { batch: PaymentBatchDetail }) {
  return (
    <View>
      <View className="batch-row" data-testid="batch-summary">
        <View className="batch-row__head">
          <Text className="batch-row__title">{batch.policyTitle}</Text>
          <Text className={`batch-status batch-status--${batch.status}`}>{batch.statusLabel}</Text>
        </View>
        <Text className="batch-row__line">批次编号：{batch.id}</Text>
        <Text className="batch-row__line">合计 {batch.itemCount} 笔</Text>
        <Text className="batch-row__total money" data-testid="batch-total">
          {formatFen(batch.totalFen as Fen)}
        </Text>
        <Text className="batch-row__line">生成于 {formatDateTime(batch.createdAt)}</Text>
        {batch.decidedAt && (
          <Text className="batch-row__line">审批于 {formatDateTime(batch.decidedAt)}</Text>
        )}
        {batch.decisionNote && (
          <Text className="batch-row__line">
            {batch.status === 'rejected' ? '退回原因' : '审批意见'}：{batch.decisionNote}
          </Text>
        )}
      </View>
      <Text className="batch-items__title">拨付明细</Text>
      {batch.items.map((item) => (
        <View key={`${item.kind}:${item.id}`} className="batch-item" data-testid="batch-item">
          <View className="batch-row__head">
            <Text className="batch-item__payee">{item.payeeName}</Text>
            <Text className="batch-item__amount money">{formatFen(item.amountFen as Fen)}</Text>
          </View>
          <Text className="batch-row__line">
            {item.bankName} {item.accountMasked}
          </Text>
          <Text className="batch-row__line muted">{item.id}</Text>
        </View>
      ))}
    </View>
  );
}
