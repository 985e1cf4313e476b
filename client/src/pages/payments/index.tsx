/** 资金到账: every payment to the subject (applications, 免申即享 grants, 贴息) and its state. */
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { formatFen, type Fen } from '@shared/money';
import { listPayments, type PaymentView } from '../../api/payments';
import { MoreButton } from '../../components/paged-list';
import { RemoteState } from '../../components/remote-state';
import { formatDate } from '../../format';
import { usePaged } from '../../hooks/usePaged';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { PAYABLE_KIND_LABEL, PAYMENT_STATUS_LABEL } from '../../labels';

function Row({ p }: { p: PaymentView }) {
  return (
    <View className="card" data-testid="payment-row">
      <View className="card__head">
        <Text className="card__title">{p.policyTitle}</Text>
        <Tag
          type={
            p.status === 'paid'
              ? 'success'
              : p.status === 'failed' || p.status === 'returned'
                ? 'danger'
                : 'primary'
          }
        >
          {PAYMENT_STATUS_LABEL[p.status]}
        </Tag>
      </View>
      <Text className="card__line">
        <Text className="money">{formatFen(p.amountFen as Fen)}</Text>
      </Text>
      <Text className="card__line">
        {PAYABLE_KIND_LABEL[p.itemKind]} · 收款账户 {p.accountMasked}
      </Text>
      <Text className="card__line">
        {p.settledAt ? `到账于 ${formatDate(p.settledAt)}` : `发起于 ${formatDate(p.createdAt)}`}
      </Text>
      {p.reason && <Text className="card__line warn">{p.reason}</Text>}
    </View>
  );
}

export default function PaymentsPage() {
  const { remote, reload, more, loadMore } = usePaged((cursor) => listPayments(cursor));
  useReloadOnShow(reload);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <View className="page">
      <Text className="page-title">资金到账</Text>
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(p) => p.items.length === 0}
        emptyTitle="暂无拨付记录"
        emptyDescription="审核通过并公示结束后，资金拨付会显示在这里"
      >
        {(page) => (
          <View>
            {[...page.items, ...more.items].map((p) => (
              <Row key={p.id} p={p} />
            ))}
            <MoreButton more={more} onMore={() => void loadMore()} />
          </View>
        )}
      </RemoteState>
    </View>
  );
}
