/** 支付批次详情 (admin): the total, the status and every item with its masked account. */
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { getPaymentBatch } from '../../api/payment-batches';
import { BatchView } from '../../components/batch-view';
import { RemoteState } from '../../components/remote-state';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import '../admin.scss';

export default function AdminBatchDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { remote, reload } = useRemote(() => getPaymentBatch(id), [id]);
  useReloadOnShow(reload);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <View className="page">
      <RemoteState remote={remote} onRetry={() => void reload()}>
        {(batch) => <BatchView batch={batch} />}
      </RemoteState>
    </View>
  );
}
