/**
 * 支付批次 (issue #10 finance sign-off): generate a batch for a policy (every payable item not
 * yet in a batch), and the batches by status. A batch goes out only once a 财政局 level-2
 * reviewer who decided none of its items has approved it.
 */
import { useRef, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { messageOf, newIdempotencyKey } from '../../api/client';
import {
  createPaymentBatch,
  listPaymentBatches,
  type PaymentBatchStatus,
} from '../../api/payment-batches';
import { listPolicies } from '../../api/policies';
import { BatchSummaryRow } from '../../components/batch-view';
import { MoreButton } from '../../components/paged-list';
import { RemoteState } from '../../components/remote-state';
import { usePaged } from '../../hooks/usePaged';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import { go } from '../../navigation';
import { routes } from '../../routes';
import { Segmented } from '../reason-form';
import '../admin.scss';

type Filter = 'all' | PaymentBatchStatus;
const FILTERS: { key: Filter; title: string }[] = [
  { key: 'all', title: '全部' },
  { key: 'pending_approval', title: '待审批' },
  { key: 'approved', title: '已批准' },
  { key: 'rejected', title: '已退回' },
];

function CreateBatch({ onCreated }: { onCreated: () => void }) {
  const { remote, reload } = useRemote(() => listPolicies());
  const [policyId, setPolicyId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per policy chosen: a retried tap after a timeout is one batch.
  const key = useRef<{ policyId: string; key: string } | null>(null);

  async function create() {
    if (!policyId) {
      setError('请先选择政策');
      return;
    }
    if (key.current?.policyId !== policyId) key.current = { policyId, key: newIdempotencyKey() };
    setBusy(true);
    setError(null);
    try {
      const batch = await createPaymentBatch(policyId, key.current.key);
      key.current = null;
      onCreated();
      go(routes.adminBatchDetail(batch.id));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="card" data-testid="create-batch">
      <Text className="card__title">生成支付批次</Text>
      <Text className="card__line muted">
        选择政策，把它所有待拨付、尚未进入批次的事项生成一个批次，提交财政局审批。
      </Text>
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(p) => p.items.length === 0}
        emptyTitle="暂无政策"
      >
        {(page) => (
          <Segmented
            options={page.items.map((p) => ({ key: p.id, title: p.title }))}
            value={policyId ?? ''}
            onChange={(id) => {
              setPolicyId(id);
              setError(null);
            }}
            testId="policy-options"
          />
        )}
      </RemoteState>
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      <View className="form-field">
        <Button type="primary" size="xlarge" block loading={busy} onClick={() => void create()}>
          生成批次
        </Button>
      </View>
    </View>
  );
}

export default function AdminBatchesPage() {
  const [filter, setFilter] = useState<Filter>('all');
  const status = filter === 'all' ? undefined : filter;
  const { remote, reload, more, loadMore } = usePaged(
    (cursor) =>
      listPaymentBatches({ ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) }),
    [status],
  );
  useReloadOnShow(reload);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <View className="page">
      <Text className="page-title">支付批次</Text>
      <CreateBatch onCreated={() => void reload()} />
      <Segmented options={FILTERS} value={filter} onChange={setFilter} testId="filters" />
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(p) => p.items.length === 0}
        emptyTitle="暂无支付批次"
        emptyDescription="生成的批次会出现在这里"
      >
        {(page) => (
          <View>
            {[...page.items, ...more.items].map((b) => (
              <BatchSummaryRow
                key={b.id}
                batch={b}
                onOpen={() => go(routes.adminBatchDetail(b.id))}
              />
            ))}
            <MoreButton more={more} onMore={() => void loadMore()} />
          </View>
        )}
      </RemoteState>
    </View>
  );
}
