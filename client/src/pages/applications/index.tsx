/** 办件: my applications, newest first, each with its status and amount. */
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@shared/money';
import { listApplications, type ApplicationSummary } from '../../api/applications';
import { getSession } from '../../api/client';
import { listLoans } from '../../api/loans';
import { LoanRow } from '../../components/loan/row';
import { MoreButton } from '../../components/paged-list';
import { RemoteState } from '../../components/remote-state';
import { formatDate } from '../../format';
import { usePaged } from '../../hooks/usePaged';
import { useRemote } from '../../hooks/useRemote';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { APPLICATION_STATUS_LABEL } from '../../labels';
import { go } from '../../navigation';
import { routes } from '../../routes';

function Row({ app }: { app: ApplicationSummary }) {
  const attention = app.status === 'pending_supplement' || app.status === 'returned';
  const amountFen = app.approvedFen ?? app.requestedFen;
  return (
    <View
      className="card"
      data-testid="application-row"
      onClick={() => go(routes.applicationDetail(app.id))}
    >
      <View className="card__head">
        <Text className="card__title">{app.policyTitle}</Text>
        <Tag
          type={
            attention
              ? 'warning'
              : app.status === 'rejected'
                ? 'danger'
                : app.status === 'paid'
                  ? 'success'
                  : 'primary'
          }
        >
          {APPLICATION_STATUS_LABEL[app.status]}
        </Tag>
      </View>
      {amountFen !== undefined && (
        <Text className="card__line">
          {app.approvedFen !== undefined ? '核定金额 ' : '申请金额 '}
          <Text className="money">{formatFen(amountFen)}</Text>
        </Text>
      )}
      <Text className="card__line">提交于 {formatDate(app.submittedAt ?? app.createdAt)}</Text>
      {app.status === 'pending_supplement' && (
        <Text className="card__line warn">请在 {formatDate(app.supplementDueAt)} 前补交材料 ›</Text>
      )}
      {app.status === 'publicity' && (
        <Text className="card__line">公示至 {formatDate(app.publicityEndsAt)}</Text>
      )}
    </View>
  );
}

export default function ApplicationsPage() {
  const signedIn = Boolean(getSession());
  const { remote, reload, more, loadMore } = usePaged(
    (cursor) =>
      signedIn
        ? listApplications({ cursor })
        : Promise.resolve({ items: [] as ApplicationSummary[] }),
    [signedIn],
  );
  // 创业担保贷款 are not applications: their own list, above the applications
  const { remote: loans, reload: reloadLoans } = useRemote(
    () => (signedIn ? listLoans() : Promise.resolve({ items: [] })),
    [signedIn],
  );
  useReloadOnShow(() => Promise.all([reload(), reloadLoans()]));
  usePullDownRefresh(() => {
    void Promise.all([reload(), reloadLoans()]).finally(() => Taro.stopPullDownRefresh());
  });
  if (!signedIn) {
    return (
      <View className="page">
        <Text className="page-title">我的办件</Text>
        <Button type="primary" size="xlarge" block onClick={() => go(routes.login)}>
          登录查看
        </Button>
      </View>
    );
  }
  return (
    <View className="page">
      <Text className="page-title">我的办件</Text>
      {loans.state === 'ready' &&
        loans.data.items.map((l) => (
          <LoanRow key={l.id} loan={l} onOpen={() => go(routes.loanDetail(l.id))} />
        ))}
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(p) =>
          p.items.length === 0 && !(loans.state === 'ready' && loans.data.items.length > 0)
        }
        emptyTitle="还没有办件"
        emptyDescription="在首页「可享政策」中点「立即申请」即可办理"
      >
        {(page) => (
          <View>
            {[...page.items, ...more.items].map((a) => (
              <Row key={a.id} app={a} />
            ))}
            <MoreButton more={more} onMore={() => void loadMore()} />
          </View>
        )}
      </RemoteState>
    </View>
  );
}
