/**
 * 待审件: the reviewer's own department, oldest first, each with its SLA countdown in
 * working days (computed by the server's calendar). Items at this reviewer's level can be
 * ticked and approved together at their recommended amounts.
 */
import { ReviewerNavBar } from '../nav-bar';
import { useRef, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tabs, Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@shared/money';
import { messageOf, newIdempotencyKey } from '../../api/client';
import {
  batchApprove,
  getReviewQueue,
  type BatchApproveResult,
  type QueueItem,
  type QueuePage,
  type QueueQuery,
} from '../../api/review';
import { MoreButton } from '../../components/paged-list';
import { RemoteState } from '../../components/remote-state';
import { formatDate, slaCountdown } from '../../format';
import { usePaged } from '../../hooks/usePaged';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { APPLICATION_STATUS_LABEL } from '../../labels';
import { go } from '../../navigation';
import { routes } from '../../routes';
import { LoanEligibilityQueue } from './loans';
import './index.scss';

const FILTERS: { key: string; title: string; status?: QueueQuery['status'] }[] = [
  { key: 'all', title: '全部' },
  { key: 'review_l1', title: '初审', status: 'review_l1' },
  { key: 'review_l2', title: '复审', status: 'review_l2' },
];

function QueueRow({
  item,
  checked,
  onToggle,
}: {
  item: QueueItem;
  checked: boolean;
  onToggle: () => void;
}) {
  const sla = slaCountdown(item.slaWorkingDaysLeft);
  const dueOn = item.sla.calendarKnown ? item.sla.dueOn : undefined;
  const amountFen = item.recommendedFen ?? item.requestedFen;
  return (
    <View className="queue-row" data-testid="queue-row">
      {item.canDecide && (
        <View
          className={`queue-row__check ${checked ? 'queue-row__check--on' : ''}`}
          role="checkbox"
          aria-checked={checked}
          aria-label="选择"
          data-testid="queue-check"
          onClick={onToggle}
        >
          {checked ? '✓' : ''}
        </View>
      )}
      <View className="queue-row__main" onClick={() => go(routes.reviewDetail(item.applicationId))}>
        <View className="queue-row__head">
          <Text className="queue-row__title">{item.policyTitle}</Text>
          {item.overdue && (
            <Tag type="danger" data-testid="overdue-tag">
              超期
            </Tag>
          )}
          <Text className={`sla sla--${sla.tone}`}>{sla.text}</Text>
        </View>
        <Text className="queue-row__line">申请人：{item.applicant?.name ?? '—'}</Text>
        {item.displayCode && (
          <Text className="queue-row__line muted">办件编号 {item.displayCode}</Text>
        )}
        <Text className="queue-row__line">
          {APPLICATION_STATUS_LABEL[item.status]} · 提交于 {formatDate(item.submittedAt)}
          {dueOn ? ` · 截止 ${formatDate(dueOn)}` : ''}
        </Text>
        {amountFen !== undefined && (
          <Text className="queue-row__line">
            {item.recommendedFen !== undefined ? '建议金额 ' : '申请金额 '}
            <Text className="money">{formatFen(amountFen)}</Text>
          </Text>
        )}
        {!item.canDecide && <Text className="queue-row__line muted">等待其他审核级别处理</Text>}
      </View>
    </View>
  );
}

export default function ReviewQueuePage() {
  const [filter, setFilter] = useState('all');
  const [selected, setSelected] = useState<string[]>([]);
  const [batch, setBatch] = useState<{
    busy: boolean;
    result?: BatchApproveResult;
    error?: string;
  }>({ busy: false });
  const batchKey = useRef<{ ids: string; key: string } | null>(null);
  const status = FILTERS.find((f) => f.key === filter)?.status;
  const { remote, reload, more, loadMore } = usePaged(
    (cursor) => getReviewQueue(cursor ? { status, cursor } : { status }),
    [status],
  );
  const refresh = () => {
    setSelected([]);
    return reload();
  };
  useReloadOnShow(refresh);
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  const toggle = (id: string) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  async function approveSelected() {
    if (selected.length === 0 || batch.busy) return;
    const { confirm } = await Taro.showModal({
      title: '批量通过',
      content: `将按建议金额通过选中的 ${selected.length} 件申请，确定吗？`,
      confirmText: '确定通过',
    });
    if (!confirm) return;
    // Same selection → same key, so a retried tap is one batch.
    const ids = [...selected].sort().join(',');
    if (batchKey.current?.ids !== ids) batchKey.current = { ids, key: newIdempotencyKey() };
    setBatch({ busy: true });
    try {
      const result = await batchApprove(selected, batchKey.current.key);
      batchKey.current = null;
      setBatch({ busy: false, result });
      await refresh();
    } catch (e) {
      setBatch({ busy: false, error: messageOf(e) });
    }
  }

  return (
    <View className="page queue">
      <ReviewerNavBar back={false} />
      <View className="queue__links">
        <Text className="queue__link" onClick={() => go(routes.reviewerBatches)}>
          支付批次审批（财政局）›
        </Text>
      </View>
      <Tabs
        value={filter}
        onChange={(v) => {
          setFilter(String(v));
          setSelected([]);
        }}
      >
        {FILTERS.map((f) => (
          <Tabs.TabPane key={f.key} value={f.key} title={f.title} />
        ))}
      </Tabs>
      {batch.result && (
        <View className="queue__result" data-testid="batch-result">
          <Text>
            已通过 {batch.result.approved} 件
            {batch.result.failed > 0 ? `，${batch.result.failed} 件未通过：` : ''}
          </Text>
          {batch.result.results.map((r) =>
            r.ok ? null : (
              <Text key={r.id} className="queue-row__line">{`${r.id}：${r.error.message}`}</Text>
            ),
          )}
        </View>
      )}
      {batch.error && (
        <View className="queue__error" role="alert">
          {batch.error}
        </View>
      )}
      <LoanEligibilityQueue />
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(p) => p.items.length === 0}
        emptyTitle="暂无待审件"
        emptyDescription="新的申请提交后会按时间先后出现在这里"
      >
        {(page) => (
          <View>
            {(page as QueuePage).overdueToday?.count ? (
              <Text className="queue-row__line warn" data-testid="overdue-today">
                今日超期 {(page as QueuePage).overdueToday?.count} 件（超期件排在前面）
              </Text>
            ) : null}
            {[...page.items, ...more.items].map((item) => (
              <QueueRow
                key={item.applicationId}
                item={item}
                checked={selected.includes(item.applicationId)}
                onToggle={() => toggle(item.applicationId)}
              />
            ))}
            <MoreButton more={more} onMore={() => void loadMore()} />
          </View>
        )}
      </RemoteState>
      {selected.length > 0 && (
        <View className="queue__bar">
          <Text className="queue__bar-text">已选 {selected.length} 件</Text>
          <Button
            type="primary"
            size="large"
            loading={batch.busy}
            onClick={() => void approveSelected()}
          >
            批量通过
          </Button>
        </View>
      )}
    </View>
  );
}
