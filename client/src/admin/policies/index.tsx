/**
 * 政策与预算: every published policy with its window, cap and budget use (paid, reserved,
 * remaining). Publishing and retiring need an admin endpoint the API does not have yet;
 * until then this page is read-only.
 */
import { View, Text } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { formatFen, type Fen } from '@shared/money';
import { getStats, type PolicyStats } from '../../api/admin';
import { listPolicies, type PolicySummary } from '../../api/policies';
import { RemoteState } from '../../components/remote-state';
import { formatDate } from '../../format';
import { useRemote } from '../../hooks/useRemote';
import { POLICY_KIND_LABEL, POLICY_MODE_LABEL } from '../../labels';
import { Bar } from '../bar';
import '../admin.scss';

function PolicyRow({ p, s }: { p: PolicySummary; s?: PolicyStats }) {
  return (
    <View className="card" data-testid="admin-policy">
      <View className="card__head">
        <Text className="card__title">{p.title}</Text>
        <Tag type={p.mode === 'apply' ? 'primary' : 'success'}>{POLICY_MODE_LABEL[p.mode]}</Tag>
      </View>
      <Text className="card__line">
        {p.departmentName} · {POLICY_KIND_LABEL[p.kind]} · 版本 {p.version}
      </Text>
      <Text className="card__line">
        执行期 {formatDate(p.effectiveFrom)} 至 {formatDate(p.effectiveTo)} · 单户上限{' '}
        {formatFen(p.capFen)}
      </Text>
      {s ? (
        <Bar
          label={`预算 ${formatFen(s.budgetFen as Fen)}`}
          value={`剩余 ${formatFen(s.remainingFen as Fen)}`}
          segments={
            s.budgetFen > 0
              ? [
                  { share: s.paidFen / s.budgetFen, tone: 'paid' },
                  { share: s.reservedFen / s.budgetFen, tone: 'reserved' },
                ]
              : []
          }
        />
      ) : (
        <Text className="card__line muted">暂无预算数据</Text>
      )}
    </View>
  );
}

export default function AdminPoliciesPage() {
  const { remote, reload } = useRemote(async () => {
    const [policies, stats] = await Promise.all([listPolicies(), getStats()]);
    return { policies: policies.items, stats: new Map(stats.items.map((s) => [s.policyId, s])) };
  });
  return (
    <View className="page">
      <Text className="page-title">政策与预算</Text>
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
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(d) => d.policies.length === 0}
        emptyTitle="暂无已发布政策"
      >
        {({ policies, stats }) => (
          <View>
            {policies.map((p) => (
              <PolicyRow key={p.id} p={p} s={stats.get(p.id)} />
            ))}
            <Text className="muted">政策发布、下线与追加预算需由平台后台接口提供（建设中）。</Text>
          </View>
        )}
      </RemoteState>
    </View>
  );
}
