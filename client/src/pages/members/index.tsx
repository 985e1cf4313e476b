/**
 * 经办人管理 (the enterprise's manager, i.e. its legal representative): invite a 经办人 with a
 * one-time code or link (shown once), see who acts for the enterprise, remove an operator
 * (after a confirmation). Removal takes effect at once: the operator's next request is refused.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  createInvite,
  listMembers,
  removeOperator,
  type InviteResult,
  type MemberView,
} from '../../api/identity';
import { messageOf } from '../../api/client';
import { RemoteState } from '../../components/remote-state';
import { formatDate, formatDateTime } from '../../format';
import { useRemote } from '../../hooks/useRemote';
import { routes } from '../../routes';
import './index.scss';

/** Where the invite link opens: the binding page with the code filled in. */
export function inviteLink(code: string): string {
  const path = `${routes.bind}?code=${encodeURIComponent(code)}`;
  if (process.env.TARO_ENV === 'h5') {
    const loc = (globalThis as { location?: { origin: string; pathname: string } }).location;
    if (loc) return `${loc.origin}${loc.pathname}#${path}`;
  }
  return path; // weapp: the page path to share
}

function Member({ m, onRemove }: { m: MemberView; onRemove: (m: MemberView) => void }) {
  return (
    <View className="member" data-testid="member">
      <View className="member__head">
        <Text className="member__name">{m.name}</Text>
        <Text className={`member__role member__role--${m.memberRole}`}>
          {m.memberRole === 'manager' ? '负责人' : '经办人'}
        </Text>
      </View>
      <Text className="member__meta">
        {m.phone ? `${m.phone} · ` : ''}
        {formatDate(m.since)} 加入
      </Text>
      {m.memberRole === 'operator' && (
        <Button
          size="large"
          className="member__remove"
          onClick={() => {
            onRemove(m);
          }}
        >
          移除
        </Button>
      )}
    </View>
  );
}

export default function MembersPage() {
  const { remote, reload } = useRemote(listMembers);
  const [invite, setInvite] = useState<InviteResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function newInvite() {
    if (busy) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setInvite(await createInvite());
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function remove(m: MemberView) {
    const { confirm } = await Taro.showModal({
      title: '移除经办人',
      content: `确定移除经办人「${m.name}」吗？移除后对方立即无法再代表企业办理业务。`,
      confirmText: '确认移除',
      confirmColor: '#c8161d',
    });
    if (!confirm) return;
    setError(null);
    setNotice(null);
    try {
      await removeOperator(m.userId);
      setNotice(`已移除经办人「${m.name}」`);
      await reload();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <View className="page members">
      <Text className="page-title">经办人管理</Text>
      <Text className="muted members__lead">
        经办人可代表企业查看政策、提交申请；只有负责人（法定代表人）可以邀请和移除经办人。
      </Text>

      {invite ? (
        <View className="invite" data-testid="invite">
          <Text className="invite__label">邀请码（仅显示一次，请立即转交经办人）</Text>
          <Text className="invite__code" data-testid="invite-code" selectable>
            {invite.code}
          </Text>
          <Text className="invite__meta">
            有效期至 {formatDateTime(invite.expiresAt)}，仅可使用一次
          </Text>
          <Text className="invite__label">或发送邀请链接：</Text>
          <Text className="invite__link" data-testid="invite-link" selectable>
            {inviteLink(invite.code)}
          </Text>
          <Button
            size="large"
            block
            onClick={() =>
              void Taro.setClipboardData({ data: inviteLink(invite.code) }).catch(() => undefined)
            }
          >
            复制邀请链接
          </Button>
          <Button
            size="large"
            block
            className="invite__done"
            onClick={() => {
              setInvite(null);
            }}
          >
            已转交，关闭
          </Button>
        </View>
      ) : (
        <Button type="primary" size="xlarge" block loading={busy} onClick={() => void newInvite()}>
          邀请经办人
        </Button>
      )}

      {error && (
        <View className="members__error" role="alert">
          {error}
        </View>
      )}
      {notice && (
        <View className="members__notice" role="status">
          {notice}
        </View>
      )}

      <Text className="members__section">企业成员</Text>
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(d) => d.items.length === 0}
        emptyTitle="暂无成员"
      >
        {({ items }) => (
          <View>
            {items.map((m) => (
              <Member key={m.userId} m={m} onRemove={(x) => void remove(x)} />
            ))}
          </View>
        )}
      </RemoteState>
    </View>
  );
}
