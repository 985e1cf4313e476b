/**
 * 运营看板: per policy — paid, pending (approved, not yet paid), completion rate (paid ÷
 * approved) and overdue (past the payment SLA) — as bars, with the totals on top.
 */
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { formatFen, sumFen, type Fen } from '@shared/money';
import { getStats, type PolicyStats } from '../../api/admin';
import { RemoteState } from '../../components/remote-state';
import { formatDateTime } from '../../format';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import { go } from '../../navigation';
import { routes } from '../../routes';
import { Bar, formatBp } from '../bar';
import '../admin.scss';

function PolicyBars({ s }: { s: PolicyStats }) {
  const pending = Math.max(0, s.approved - s.paid);
  return (
    <View className="card" data-testid="policy-stats">
      <View className="card__head">
        <Text className="card__title">{s.title}</Text>
        {s.overdue > 0 && <Text className="kpi__value--warn">超期 {s.overdue} 件</Text>}
      </View>
      <Text className="card__line">
        受理 {s.applied} · 通过 {s.approved} · 已付 {s.paid} · 待付 {pending} · 超期 {s.overdue}
      </Text>
      <Bar
        label="完成率（已付 ÷ 通过）"
        value={formatBp(s.completionRateBp)}
        segments={[{ share: s.completionRateBp / 10000, tone: 'paid' }]}
      />
      <Bar
        label="预算使用"
        value={`${formatFen(s.paidFen as Fen)} / ${formatFen(s.budgetFen as Fen)}`}
        segments={
          s.budgetFen > 0
            ? [
                { share: s.paidFen / s.budgetFen, tone: 'paid' },
                { share: s.reservedFen / s.budgetFen, tone: 'reserved' },
              ]
            : []
        }
      />
    </View>
  );
}

export default function AdminDashboardPage() {
  const { remote, reload } = useRemote(getStats);
  useReloadOnShow(reload);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <View className="page">
      <Text className="page-title">运营看板</Text>
      <View className="admin-nav">
        <Text className="admin-nav__item" onClick={() => go(routes.adminRuns)}>
          免申即享批次
        </Text>
        <Text className="admin-nav__item" onClick={() => go(routes.adminImport)}>
          数据导入
        </Text>
        <Text className="admin-nav__item" onClick={() => go(routes.adminPolicies)}>
          政策与预算
        </Text>
        <Text className="admin-nav__item" onClick={() => go(routes.payments)}>
          拨付记录
        </Text>
        <Text className="admin-nav__item" onClick={() => go(routes.adminPayables)}>
          拨付异常处理
        </Text>
        <Text className="admin-nav__item" onClick={() => go(routes.adminRecoveries)}>
          资金追回
        </Text>
        <Text className="admin-nav__item" onClick={() => go(routes.adminBatches)}>
          支付批次
        </Text>
        <Text className="admin-nav__item" onClick={() => go(routes.adminBudget)}>
          预算专账
        </Text>
        <Text
          className="admin-nav__item"
          onClick={() => {
            go(routes.adminStaff);
          }}
        >
          工作人员
        </Text>
        <Text className="admin-nav__item" onClick={() => go(routes.adminTrail('payment', ''))}>
          审计追溯
        </Text>
      </View>
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(d) => d.items.length === 0}
        emptyTitle="暂无统计数据"
      >
        {({ items, asOf }) => {
          const paid = sumFen(items.map((s) => s.paidFen as Fen));
          const approved = items.reduce((n, s) => n + s.approved, 0);
          const paidCount = items.reduce((n, s) => n + s.paid, 0);
          const overdue = items.reduce((n, s) => n + s.overdue, 0);
          return (
            <View>
              <View className="kpis" data-testid="kpis">
                <View className="kpi">
                  <Text className="kpi__label">已拨付</Text>
                  <Text className="kpi__value money">{formatFen(paid)}</Text>
                </View>
                <View className="kpi">
                  <Text className="kpi__label">待拨付（件）</Text>
                  <Text className="kpi__value">{Math.max(0, approved - paidCount)}</Text>
                </View>
                <View className="kpi">
                  <Text className="kpi__label">完成率</Text>
                  <Text className="kpi__value">
                    {approved > 0 ? formatBp(Math.floor((paidCount * 10000) / approved)) : '—'}
                  </Text>
                </View>
                <View className="kpi">
                  <Text className="kpi__label">超期（件）</Text>
                  <Text className={`kpi__value ${overdue > 0 ? 'kpi__value--warn' : ''}`}>
                    {overdue}
                  </Text>
                </View>
              </View>
              <View className="legend">
                <Text>
                  <Text className="legend__swatch bar__fill--paid" />
                  已付
                </Text>
                <Text>
                  <Text className="legend__swatch bar__fill--reserved" />
                  已预留
                </Text>
              </View>
              {/* the policies with activity first, so a phone screen shows what moves */}
              {[...items]
                .sort((a, b) => b.applied - a.applied || b.approved - a.approved)
                .map((s) => (
                  <PolicyBars key={s.policyId} s={s} />
                ))}
              <Text className="muted">统计时间 {formatDateTime(asOf)}</Text>
            </View>
          );
        }}
      </RemoteState>
    </View>
  );
}
