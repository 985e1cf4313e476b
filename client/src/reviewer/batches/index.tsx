/**
 * 支付批次审批 (财政局 level-2 reviewer, issue #10): the batches waiting for sign-off, oldest
 * first as served; the decided ones under their own filter.
 */
import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { listPaymentBatches, type PaymentBatchStatus } from '../../api/payment-batches';
import { BatchSummaryRow } from '../../components/batch-view';
import { MoreButton } from '../../components/paged-list';
import { RemoteState } from '../../components/remote-state';
import { usePaged } from '../../hooks/usePaged';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { go } from '../../navigation';
import { routes } from '../../routes';
import './index.scss';

const FILTERS: { key: PaymentBatchStatus; title: string }[] = [
  { key: 'pending_approval', title: '待审批' },
  { key: 'approved', title: '已批准' },
  { key: 'rejected', title: '已退回' },
];

export default function ReviewerBatchesPage() {
  const [status, setStatus] = useState<PaymentBatchStatus>('pending_approval');
  const { remote, reload, more, loadMore } = usePaged(
    (cursor) => listPaymentBatches({ status, ...(cursor ? { cursor } : {}) }),
    [status],
  );
  useReloadOnShow(reload);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <View className="page">
      <Text className="page-title">支付批次审批</Text>
      <View className="batch-filters" data-testid="filters">
        {FILTERS.map((f) => (
          <View
            key={f.key}
            role="tab"
            aria-selected={status === f.key}
            className={`batch-filters__item ${status === f.key ? 'batch-filters__item--on' : ''}`}
            onClick={() => setStatus(f.key)}
          >
            {f.title}
          </View>
        ))}
      </View>
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(p) => p.items.length === 0}
        emptyTitle={status === 'pending_approval' ? '暂无待审批的支付批次' : '暂无支付批次'}
      >
        {(page) => (
          <View>
            {[...page.items, ...more.items].map((b) => (
              <BatchSummaryRow
                key={b.id}
                batch={b}
                onOpen={() => go(routes.reviewerBatchDetail(b.id))}
              />
            ))}
            <MoreButton more={more} onMore={() => void loadMore()} />
          </View>
        )}
      </RemoteState>
    </View>
  );
}
