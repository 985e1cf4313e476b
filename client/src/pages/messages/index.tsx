/**
 * 消息 (message centre, issue 14): every notice the platform sent the signed-in person, newest
 * first — status changes of applications and 免申即享 grants, and for reviewers the daily 超期
 * digest. Unread ones are marked; opening one marks it read, clears it from the tab badge and
 * goes to what it is about.
 */
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { useEffect, useRef, useState } from 'react';
import { readNotice, listNotices, type NoticeListView, type NoticeView } from '../../api/notices';
import { messageOf } from '../../api/client';
import { MoreButton } from '../../components/paged-list';
import { RemoteState } from '../../components/remote-state';
import { formatDate } from '../../format';
import { usePaged } from '../../hooks/usePaged';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { go } from '../../navigation';
import { routes } from '../../routes';
import { rememberTemplateIds, showUnreadBadge } from '../../notices';

const KIND_LABEL: Record<NoticeView['kind'], string> = {
  application: '办件',
  grant: '免申即享',
  payment: '拨付',
  sla_digest: '超期提醒',
  policy: '新政策',
};

function target(n: NoticeView): string | undefined {
  if (n.kind === 'application' && n.aboutId) return routes.applicationDetail(n.aboutId);
  if (n.kind === 'grant') return routes.grants;
  if (n.kind === 'payment') return routes.payments;
  if (n.kind === 'sla_digest') return routes.reviewQueue;
  // 政策找企业: the notice is about `<policy>~<subject>`; it opens the policy
  if (n.kind === 'policy' && n.aboutId) return routes.policyDetail(n.aboutId.split('~')[0] ?? '');
  return undefined;
}

function Row({ n, read, onOpen }: { n: NoticeView; read: boolean; onOpen: () => void }) {
  return (
    <View
      className={`card${read ? '' : ' card--unread'}`}
      data-testid="notice-row"
      data-notice-id={n.id}
      onClick={onOpen}
      role="button"
      aria-label={`${read ? '' : '未读，'}${KIND_LABEL[n.kind]}：${n.status}，${n.text}`}
    >
      <View className="card__head">
        <Text className="card__title">
          {KIND_LABEL[n.kind]} · {n.status}
        </Text>
        {read ? <Tag type="default">已读</Tag> : <Tag type="danger">未读</Tag>}
      </View>
      <Text className="card__line">{n.text}</Text>
      <Text className="card__line muted">{formatDate(n.createdAt)}</Text>
    </View>
  );
}

/**
 * The unread count a first page implies once the notices read here are taken off: a list asked
 * for before a mark-read landed may still count (and list) that notice as unread. A notice never
 * becomes unread again, so what this page marked read stays read whatever answer comes last.
 */
function unreadAfter(page: NoticeListView, readHere: ReadonlySet<string>): number {
  const stale = page.items.filter((n) => !n.read && readHere.has(n.id)).length;
  return Math.max(0, page.unread - stale);
}

export default function MessagesPage() {
  // ids marked read from this page; kept across reloads (see unreadAfter), a ref for the list
  // answer to read and a state for rendering
  const readHere = useRef(new Set<string>());
  const [readIds, setReadIds] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [unread, setUnread] = useState(0);
  const { remote, reload, more, loadMore } = usePaged(async (cursor) => {
    const page = await listNotices(cursor);
    rememberTemplateIds(page.templateIds);
    return page;
  });
  // the count follows only the first page the list kept: a late answer from an earlier load,
  // which the list throws away, must not set the count either
  const firstPage = remote.state === 'ready' ? remote.data : undefined;
  useEffect(() => {
    if (!firstPage) return;
    const count = unreadAfter(firstPage, readHere.current);
    setUnread(count);
    void showUnreadBadge(count);
  }, [firstPage]);
  useReloadOnShow(reload);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function open(n: NoticeView) {
    setError(undefined);
    if (!n.read && !readIds.includes(n.id)) {
      try {
        const r = await readNotice(n.id);
        readHere.current.add(n.id);
        setReadIds((ids) => [...ids, n.id]);
        setUnread(r.unread);
        await showUnreadBadge(r.unread);
      } catch (e) {
        setError(messageOf(e));
        return;
      }
    }
    const to = target(n);
    if (to) go(to);
  }

  return (
    <View className="page">
      <Text className="page-title">消息</Text>
      {error && <Text className="card__line warn">{error}</Text>}
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(p) => p.items.length === 0}
        emptyTitle="暂无消息"
        emptyDescription="申请进度、资金到账等通知会显示在这里"
      >
        {(page) => {
          return (
            <View>
              <Text className="card__line muted" data-testid="unread-count">
                {unread > 0 ? `${String(unread)} 条未读` : '全部已读'}
              </Text>
              {[...page.items, ...more.items].map((n) => (
                <Row
                  key={n.id}
                  n={n}
                  read={n.read || readIds.includes(n.id)}
                  onOpen={() => void open(n)}
                />
              ))}
              <MoreButton more={more} onMore={() => void loadMore()} />
            </View>
          );
        }}
      </RemoteState>
    </View>
  );
}
