/**
 * 运营看板: per policy — paid, pending (approved, not yet paid), overdue (past the payment SLA)
 * and two completion rates as bars, with the totals on top: the seeds' (已兑现 ÷ 应享: paid ÷
 * everyone the rules find eligible, applied or not, by households and by amount, as of the
 * population's date; issue #16) and today's (已批准中已支付: paid ÷ approved).
 */
import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatRateBp } from '@shared/completion-rate';
import { formatFen, sumFen, type Fen } from '@shared/money';
import { getStats, refreshPopulation, type PolicyStats, type StatsView } from '../../api/admin';
import type { DepartmentStats } from '@shared/schemas/admin';
import { messageOf, newIdempotencyKey } from '../../api/client';
import { RemoteState } from '../../components/remote-state';
import { formatDateTime } from '../../format';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import { go } from '../../navigation';
import { routes } from '../../routes';
import { Bar, formatBp } from '../bar';
import '../admin.scss';

/** 应享完成率 as the seeds count it (seed 002: 应享 516 户，已兑现 71 户): unknown until counted. */
function SeedsCompletionLines({
  s,
  onRefresh,
}: {
  s: PolicyStats;
  onRefresh: (policyId: string) => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const c = s.seedsCompletion;
  async function refresh() {
    setBusy(true);
    setError(null);
    try {
      await onRefresh(s.policyId);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <View data-testid="seeds-completion">
      {c ? (
        <>
          <Text className="card__line">
            应享 {c.shouldCount} 户 · 已兑现 {c.doneCount} 户（{formatRateBp(c.countRateBp)}）·
            按金额 {formatRateBp(c.amountRateBp)}（截至 {c.asOf}）
          </Text>
          <Bar
            label="应享完成率（已兑现 ÷ 应享）"
            value={formatRateBp(c.countRateBp)}
            segments={[{ share: (c.countRateBp ?? 0) / 10000, tone: 'paid' }]}
          />
          <Text className="card__line muted">
            应享金额 {formatFen(c.shouldFen as Fen)} · 已兑现 {formatFen(c.doneFen as Fen)}
          </Text>
        </>
      ) : (
        <Text className="card__line muted">应享人群尚未测算，应享完成率暂不可知</Text>
      )}
      <Button size="large" loading={busy} disabled={busy} onClick={() => void refresh()}>
        {c ? '重新测算应享人群' : '立即测算应享人群'}
      </Button>
      {error && (
        <View className="form-error" role="alert">
          <Text>{error}</Text>
        </View>
      )}
    </View>
  );
}

function PolicyBars({
  s,
  onRefresh,
}: {
  s: PolicyStats;
  onRefresh: (policyId: string) => Promise<void>;
}) {
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
      <SeedsCompletionLines s={s} onRefresh={onRefresh} />
      <Text className="card__line" data-testid="today-completion">
        已批准 {s.approved} 件中已支付 {s.paid} 件
        {s.approved > 0 ? `（${formatBp(s.completionRateBp)}）` : ''}
      </Text>
      <Bar
        label="今日完成率（已支付 ÷ 已批准）"
        value={s.approved > 0 ? formatBp(s.completionRateBp) : '—'}
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

/** 按部门: each department's totals, with overdue payments and the reviews the SLA watch flagged today. */
function DepartmentRow({ d }: { d: DepartmentStats }) {
  const late = d.overduePayments + d.overdueReviews;
  return (
    <View className="card" data-testid="department-stats">
      <View className="card__head">
        <Text className="card__title">{d.label}</Text>
        {late > 0 && <Text className="kpi__value--warn">超期 {late} 件</Text>}
      </View>
      <Text className="card__line">
        政策 {d.policies} · 受理 {d.applied} · 通过 {d.approved} · 已付 {d.paid}
      </Text>
      <Text className="card__line">
        超期审核 {d.overdueReviews} · 超期拨付 {d.overduePayments}
      </Text>
      {d.seedsCompletion ? (
        <Text className="card__line" data-testid="department-seeds-completion">
          应享 {d.seedsCompletion.shouldCount} 户 · 已兑现 {d.seedsCompletion.doneCount} 户（
          {formatRateBp(d.seedsCompletion.countRateBp)}）· 按金额{' '}
          {formatRateBp(d.seedsCompletion.amountRateBp)}（{d.seedsCompletion.policies} 项政策，截至{' '}
          {d.seedsCompletion.asOf}）
        </Text>
      ) : (
        <Text className="card__line muted">应享人群尚未测算</Text>
      )}
    </View>
  );
}

/** 好差评: count and average stars per department and per policy (issue #17). */
function Ratings({ ratings }: { ratings: NonNullable<StatsView['ratings']> }) {
  return (
    <View className="card" data-testid="ratings">
      <Text className="card__title">服务评价（好差评）</Text>
      {ratings.byDepartment.length === 0 ? (
        <Text className="card__line muted">暂无评价</Text>
      ) : (
        <>
          {ratings.byDepartment.map((d) => (
            <Text key={d.department} className="card__line" data-testid="rating-department">
              {d.departmentLabel}：平均 {d.average.toFixed(1)} 星 · {d.count} 条评价
            </Text>
          ))}
          {ratings.byPolicy.map((p) => (
            <Text key={p.policyId} className="card__line muted" data-testid="rating-policy">
              {p.title}：平均 {p.average.toFixed(1)} 星 · {p.count} 条
            </Text>
          ))}
        </>
      )}
    </View>
  );
}

export default function AdminDashboardPage() {
  const { remote, reload } = useRemote(getStats);
  useReloadOnShow(reload);
  const recount = async (policyId: string) => {
    await refreshPopulation(policyId, newIdempotencyKey());
    await reload();
  };
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
        <Text className="admin-nav__item" onClick={() => go(routes.adminStudio)}>
          政策工坊
        </Text>
        <Text className="admin-nav__item" onClick={() => go(routes.adminParameters)}>
          政策参数
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
        {({ items, departments, asOf, ratings }) => {
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
                  <Text className="kpi__label">今日完成率</Text>
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
              {departments && departments.length > 0 && (
                <View data-testid="departments">
                  <Text className="section-title">按部门</Text>
                  {departments.map((d) => (
                    <DepartmentRow key={d.department} d={d} />
                  ))}
                  <Text className="section-title">按政策</Text>
                </View>
              )}
              {/* the policies with activity first, so a phone screen shows what moves */}
              {[...items]
                .sort((a, b) => b.applied - a.applied || b.approved - a.approved)
                .map((s) => (
                  <PolicyBars key={s.policyId} s={s} onRefresh={recount} />
                ))}
              {ratings && <Ratings ratings={ratings} />}
              <Text className="muted">统计时间 {formatDateTime(asOf)}</Text>
            </View>
          );
        }}
      </RemoteState>
    </View>
  );
}
