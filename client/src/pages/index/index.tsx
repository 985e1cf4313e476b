/**
 * 首页 = 待办 + 可享 (issue #17): first a banner for every task waiting on the person (a
 * receiving account to confirm, 容缺 materials due, an application returned, an objection
 * ruled), with the count as a badge on the 首页 tab; then the policies they qualify for, with
 * the estimated amount and the engine's reasons; the rest folded under one line. For someone
 * whom nothing fits: a summary, the nearest policies with the condition they miss, a call to
 * the office and "有新政策时提醒我". 长辈版 shows only what the person can get or must do.
 */
import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { formatFen, sumFen } from '@shared/money';
import { getSession, isApiError } from '../../api/client';
import { listMatches, subscribeToNewPolicies, type Match } from '../../api/policies';
import { listTodos, type Todo } from '../../api/todos';
import { RemoteState } from '../../components/remote-state';
import { useElderMode } from '../../hooks/useElderMode';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import { APPLICATION_STATUS_LABEL, POLICY_KIND_LABEL, POLICY_MODE_LABEL } from '../../labels';
import { go } from '../../navigation';
import { applyRouteOf, routes } from '../../routes';
import './index.scss';
import { Conditions } from '../../components/conditions';

/** The 首页 tab's index in app.config.ts's tab bar. */
const HOME_TAB = 0;
/** How many of the nearest policies someone with no match sees before the fold. */
const NEAREST_SHOWN = 3;

function existingText(m: Match): string | null {
  if (!m.existing) return null;
  // the server may know a status this build does not: show it as sent
  const labels: Partial<Record<string, string>> = APPLICATION_STATUS_LABEL;
  return `已申请：${labels[m.existing.status] ?? m.existing.status}`;
}

/** Where a task's form is. */
export function todoTarget(t: Todo): string {
  if (t.applicationId) return routes.applicationDetail(t.applicationId);
  return routes.grants;
}

/** The count on the 首页 tab (the tab bar may not be there, e.g. in a test or on a sub-page). */
function showBadge(count: number): void {
  const done = Promise.resolve(
    count > 0
      ? Taro.setTabBarBadge({ index: HOME_TAB, text: String(count) })
      : Taro.removeTabBarBadge({ index: HOME_TAB }),
  );
  done.catch(() => undefined);
}

function call(m: Match): void {
  if (m.phone) void Taro.makePhoneCall({ phoneNumber: m.phone }).catch(() => undefined);
}

function TodoBanner({ todo }: { todo: Todo }) {
  return (
    <View
      className={`todo todo--${todo.kind === 'supplement_due' ? 'due' : 'act'}`}
      data-testid="todo"
      role="button"
      onClick={() => go(todoTarget(todo))}
    >
      <View className="todo__body">
        <Text className="todo__title">{todo.title}</Text>
        <Text className="todo__detail">{todo.detail}</Text>
      </View>
      <Text className="todo__go">去办理 ›</Text>
    </View>
  );
}

function CallButton({ match }: { match: Match }) {
  if (!match.phone) return null;
  const text = `拨打${match.departmentName}电话 ${match.phone}`;
  // H5: a tel: link (the browser's own dialer); the mini-program: WeChat's makePhoneCall
  if (process.env.TARO_ENV === 'h5')
    return (
      <a className="call call--link" href={`tel:${match.phone}`} data-testid="call">
        {text}
      </a>
    );
  return (
    <Button size="large" className="call" data-testid="call" onClick={() => call(match)}>
      {text}
    </Button>
  );
}

function MatchCard({ match, elder }: { match: Match; elder: boolean }) {
  const existing = existingText(match);
  const applied = match.existing;
  const hint = match.nearMiss?.hint;
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

      {!elder && <Conditions conditions={match.explanation.conditions} />}
      {hint && (
        <Text className="match__hint" data-testid="near-miss-hint">
          {hint}
        </Text>
      )}

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

/** Nearest first: the fewest failing conditions (the server sends them in that order). */
const nearestOf = (others: readonly Match[]) =>
  others.filter((m) => m.nearMiss && m.nearMiss.failing.length > 0);

function Subscribe({ subscribed }: { subscribed: boolean }) {
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'error'>(
    subscribed ? 'done' : 'idle',
  );
  const [message, setMessage] = useState('');
  if (state === 'done')
    return (
      <Text className="home__subscribed" data-testid="subscribed">
        已开启提醒：有适合您的新政策时会通知您
      </Text>
    );
  return (
    <View>
      <Button
        type="primary"
        size="large"
        block
        loading={state === 'busy'}
        onClick={() => {
          setState('busy');
          subscribeToNewPolicies().then(
            () => setState('done'),
            (e: unknown) => {
              setMessage(isApiError(e) ? e.message : '系统繁忙，请稍后再试');
              setState('error');
            },
          );
        }}
      >
        有新政策时提醒我
      </Button>
      {state === 'error' && <Text className="form-error">{message}</Text>}
    </View>
  );
}

/** 赵大伯's page: nothing fits, so say so, show what comes closest and what he can do. */
function NoMatch({
  others,
  subscribed,
  elder,
}: {
  others: readonly Match[];
  subscribed: boolean;
  elder: boolean;
}) {
  const nearest = nearestOf(others).slice(0, NEAREST_SHOWN);
  return (
    <View className="no-match" data-testid="no-match">
      <Text className="no-match__summary" data-testid="no-match-summary">
        {`已为您核对 ${String(others.length)} 项政策，目前暂无符合条件的政策。`}
      </Text>
      {nearest.length > 0 && <Text className="home__section">离您最近的政策</Text>}
      {nearest.map((m) => (
        <View key={m.policyId} className="nearest" data-testid="nearest">
          <Text className="match__title">{m.title}</Text>
          <Text className="nearest__miss">
            {`还差：${(m.nearMiss?.failing ?? []).map((c) => c.label).join('；')}`}
          </Text>
          {m.nearMiss?.hint && <Text className="match__hint">{m.nearMiss.hint}</Text>}
          <Text className="muted nearest__office">{`咨询：${m.office ?? m.departmentName}`}</Text>
          <View className="match__actions">
            <CallButton match={m} />
            {!elder && (
              <Button size="large" onClick={() => go(routes.policyDetail(m.policyId))}>
                申兑指南
              </Button>
            )}
          </View>
        </View>
      ))}
      <Subscribe subscribed={subscribed} />
    </View>
  );
}

function Folded({ others, elder }: { others: readonly Match[]; elder: boolean }) {
  const [open, setOpen] = useState(false);
  if (others.length === 0) return null;
  return (
    <View>
      <View className="home__fold" data-testid="fold" role="button" onClick={() => setOpen(!open)}>
        {open
          ? `收起暂不符合的 ${String(others.length)} 项`
          : `另有 ${String(others.length)} 项暂不符合，查看原因 ›`}
      </View>
      {open && others.map((m) => <MatchCard key={m.policyId} match={m} elder={elder} />)}
    </View>
  );
}

interface Home {
  asOf: string;
  items: Match[];
  subscribed: boolean;
  todos: Todo[];
}

const SIGNED_OUT: Home = { asOf: '', items: [], subscribed: false, todos: [] };

async function loadHome(): Promise<Home> {
  const [m, t] = await Promise.all([listMatches(), listTodos()]);
  showBadge(t.items.length);
  return { asOf: m.asOf, items: m.items, subscribed: m.subscribed ?? false, todos: t.items };
}

export default function HomePage() {
  const [signedIn, setSignedIn] = useState(() => Boolean(getSession()));
  const [elder] = useElderMode();
  const { remote, reload } = useRemote(
    () => (signedIn ? loadHome() : Promise.resolve(SIGNED_OUT)),
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
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(d) => d.items.length === 0 && d.todos.length === 0}
        emptyTitle="暂无可享政策"
        emptyDescription="有新政策或您的情况变化时，这里会第一时间显示"
      >
        {({ items, todos, subscribed }) => {
          const eligible = items.filter((m) => m.eligible);
          const others = items.filter((m) => !m.eligible);
          return (
            <View>
              {todos.length > 0 && (
                <View className="todos">
                  <Text className="page-title">{`待办（${String(todos.length)}）`}</Text>
                  {todos.map((t) => (
                    <TodoBanner key={t.key} todo={t} />
                  ))}
                </View>
              )}
              <Text className="page-title">可享政策</Text>
              {eligible.length > 0 && (
                <View className="home__total">
                  <Text>共 {eligible.length} 项政策，预计可享合计 </Text>
                  <Text className="money" data-testid="total">
                    {formatFen(sumFen(eligible.map((m) => m.estimatedFen)))}
                  </Text>
                </View>
              )}
              {eligible.map((m) => (
                <MatchCard key={m.policyId} match={m} elder={elder} />
              ))}
              {eligible.length === 0 && items.length > 0 && (
                <NoMatch others={others} subscribed={subscribed} elder={elder} />
              )}
              {!elder && <Folded others={others} elder={elder} />}
            </View>
          );
        }}
      </RemoteState>
    </View>
  );
}
