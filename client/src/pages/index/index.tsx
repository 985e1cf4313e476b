/**
 * 首页 · 可享政策: the policies the signed-in subject qualifies for, with the
 * estimated amount and the engine's reasons ("why am I eligible").
 */
import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { formatFen, sumFen } from '@shared/money';
import { getSession } from '../../api/client';
import { listMatches, type Match } from '../../api/policies';
import { RemoteState } from '../../components/remote-state';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import { APPLICATION_STATUS_LABEL, POLICY_KIND_LABEL, POLICY_MODE_LABEL } from '../../labels';
import { go } from '../../navigation';
import { applyRouteOf, routes } from '../../routes';
import './index.scss';
import { Conditions } from '../../components/conditions';

function existingText(m: Match): string | null {
  if (!m.existing) return null;
  // the server may know a status this build does not: show it as sent
  const labels: Partial<Record<string, string>> = APPLICATION_STATUS_LABEL;
  return `已申请：${labels[m.existing.status] ?? m.existing.status}`;
}

function MatchCard({ match }: { match: Match }) {
  const existing = existingText(match);
  const applied = match.existing;
  return (
    <View className="match" data-testid="match">
      <View className="match__head">
        <Text className="match__title">{match.title}</Text>
        <Tag type={match.mode === 'apply' ? 'primary' : 'success'} className="match__mode">
          {POLICY_MODE_LABEL[match.mode]}
        </Tag>
      </View>
      <Text className="match__meta">
        {match.departmentName} · {POLICY_KIND_LABEL[match.kind]}
      </Text>

      {match.eligible && (
        <View className="match__amount">
          <Text className="match__amount-label">预计可享</Text>
          <Text className="money">{formatFen(match.estimatedFen)}</Text>
        </View>
      )}

      <Conditions conditions={match.explanation.conditions} />

      {existing && applied && (
        <Text
          className="match__existing"
          onClick={() => go(routes.applicationDetail(applied.applicationId))}
        >
          {existing} ›
        </Text>
      )}
      {match.eligible && match.mode === 'auto' && !existing && (
        <Text className="match__auto">符合条件将自动发放，无需申请</Text>
      )}

      <View className="match__actions">
        <Button size="large" onClick={() => go(routes.policyDetail(match.policyId))}>
          申兑指南
        </Button>
        {match.canApply && (
          <Button
            type="primary"
            size="large"
            onClick={() => go(applyRouteOf({ id: match.policyId, kind: match.kind }))}
          >
            {match.kind === 'startup_loan' ? '申请贷款' : '立即申请'}
          </Button>
        )}
      </View>
    </View>
  );
}

export default function HomePage() {
  const [signedIn, setSignedIn] = useState(() => Boolean(getSession()));
  const { remote, reload } = useRemote(
    () => (signedIn ? listMatches() : Promise.resolve({ asOf: '', items: [] as Match[] })),
    [signedIn],
  );
  // A login or logout elsewhere changes signedIn (and so reloads); otherwise refresh.
  useReloadOnShow(() => {
    const now = Boolean(getSession());
    if (now !== signedIn) setSignedIn(now);
    else void reload();
  });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!signedIn) {
    return (
      <View className="page home">
        <Text className="page-title">可享政策</Text>
        <Text className="muted home__hint">
          登录后，系统将根据您的企业或个人信息自动匹配可享政策。
        </Text>
        <Button type="primary" size="xlarge" block onClick={() => go(routes.login)}>
          登录查看
        </Button>
      </View>
    );
  }

  return (
    <View className="page home">
      <Text className="page-title">可享政策</Text>
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(d) => d.items.length === 0}
        emptyTitle="暂无可享政策"
        emptyDescription="有新政策或您的情况变化时，这里会第一时间显示"
      >
        {({ items }) => {
          const eligible = items.filter((m) => m.eligible);
          const others = items.filter((m) => !m.eligible);
          return (
            <View>
              {eligible.length > 0 && (
                <View className="home__total">
                  <Text>共 {eligible.length} 项政策，预计可享合计 </Text>
                  <Text className="money" data-testid="total">
                    {formatFen(sumFen(eligible.map((m) => m.estimatedFen)))}
                  </Text>
                </View>
              )}
              {eligible.map((m) => (
                <MatchCard key={m.policyId} match={m} />
              ))}
              {others.length > 0 && <Text className="home__section">暂不符合的政策</Text>}
              {others.map((m) => (
                <MatchCard key={m.policyId} match={m} />
              ))}
            </View>
          );
        }}
      </RemoteState>
    </View>
  );
}
