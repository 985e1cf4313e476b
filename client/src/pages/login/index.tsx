/**
 * Login. On a local stack the seeded demo users stand in for WeChat (DESIGN.md §2):
 * pick one from GET /v1/auth/dev-users or type its id. On weapp, 微信登录 sends
 * the wx.login code to the same endpoint.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, Input, Loading } from '@nutui/nutui-react-taro';
import { DEPARTMENT_LABELS } from '@shared/actor';
import { listDevUsers, login, type DevUser, type LoginBody, type Role } from '../../api/auth';
import { messageOf, setSession } from '../../api/client';
import { saveTicket, notBoundTicket } from '../bind/ticket';
import { useRemote } from '../../hooks/useRemote';
import { ROLE_LABEL } from '../../labels';
import { go, goHomeFor } from '../../navigation';
import { routes } from '../../routes';
import './index.scss';

const ROLE_ORDER: Role[] = ['applicant', 'reviewer', 'admin'];

/**
 * The line under a demo user's name; none when it would only repeat the role, which the
 * group's title already says (the admins: each admin's cell then reads as its own name only).
 */
function describe(u: DevUser): string | undefined {
  const level = u.reviewLevel ? (u.reviewLevel === 1 ? '初审' : '复审') : undefined;
  const parts = [
    ROLE_LABEL[u.role],
    u.subjectName,
    u.department && DEPARTMENT_LABELS[u.department],
    level,
  ].filter(Boolean);
  return parts.length > 1 ? parts.join(' · ') : undefined;
}

export default function LoginPage() {
  const { remote, reload } = useRemote(listDevUsers);
  const [typedId, setTypedId] = useState('');
  const [fakeWechatId, setFakeWechatId] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function signIn(body: LoginBody, busyKey: string) {
    if (busy) return;
    setBusy(busyKey);
    setError(null);
    try {
      const { token, refreshToken, user } = await login(body);
      setSession({ token, refreshToken, userId: user.id, role: user.role, name: user.name });
      goHomeFor(user.role, user.department);
    } catch (e) {
      // a WeChat account nobody has bound: the binding page takes its ticket
      const ticket = notBoundTicket(e);
      if (ticket) {
        saveTicket(ticket);
        go(routes.bind);
      } else setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  async function signInWithWechat() {
    try {
      const { code } = await Taro.login();
      await signIn({ wechatCode: code }, 'wechat'); // NOT_BOUND opens the binding page
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <View className="page login">
      <Text className="page-title">直达 · 惠企利民政策</Text>
      <Text className="login__lead">政策找人，免申即享，资金直达</Text>

      {error && (
        <View className="login__error" role="alert">
          {error}
        </View>
      )}

      {process.env.TARO_ENV === 'weapp' && (
        <View className="login__block">
          <Button
            type="primary"
            size="xlarge"
            block
            loading={busy === 'wechat'}
            onClick={() => void signInWithWechat()}
          >
            微信一键登录
          </Button>
        </View>
      )}

      <Text className="login__section">演示账号（本地环境）</Text>
      {remote.state === 'loading' && (
        <View className="login__block">
          <Loading type="spinner">正在获取演示账号…</Loading>
        </View>
      )}
      {remote.state === 'error' && (
        <View className="login__block">
          <Text className="muted">演示账号列表暂不可用：{messageOf(remote.error)}</Text>
          <Button size="normal" onClick={() => void reload()}>
            重试
          </Button>
        </View>
      )}
      {remote.state === 'ready' &&
        ROLE_ORDER.map((role) => {
          const users = remote.data.items.filter((u) => u.role === role);
          if (users.length === 0) return null;
          return (
            <Cell.Group key={role} title={ROLE_LABEL[role]}>
              {users.map((u) => (
                <Cell
                  key={u.id}
                  className="login__user"
                  title={u.name}
                  description={describe(u)}
                  extra={busy === u.id ? '登录中…' : '登录 ›'}
                  clickable
                  onClick={() => void signIn({ devUserId: u.id }, u.id)}
                />
              ))}
            </Cell.Group>
          );
        })}

      <Text className="login__section">或输入用户编号</Text>
      <View className="login__block login__typed">
        <Input
          className="login__input"
          placeholder="例如 usr_wangxm01"
          value={typedId}
          onChange={(v: string) => setTypedId(v.trim())}
          clearable
        />
        <Button
          type="primary"
          size="large"
          block
          disabled={!typedId}
          loading={busy === 'typed'}
          onClick={() => void signIn({ devUserId: typedId }, 'typed')}
        >
          登录
        </Button>
      </View>

      {remote.state === 'ready' && (
        <>
          <Text className="login__section">模拟微信登录（本地环境）</Text>
          <View className="login__block login__typed">
            <Text className="muted">
              输入任意微信身份标识（字母或数字），新的标识即为尚未绑定的微信用户。
            </Text>
            <Input
              className="login__input login__wechat-id"
              placeholder="例如 boss01"
              value={fakeWechatId}
              onChange={(v: string) => {
                setFakeWechatId(v.trim());
              }}
              clearable
            />
            <Button
              size="large"
              block
              disabled={!/^[A-Za-z0-9_-]{1,64}$/.test(fakeWechatId)}
              loading={busy === 'fake-wechat'}
              onClick={() => void signIn({ wechatCode: `ok-${fakeWechatId}` }, 'fake-wechat')}
            >
              模拟微信登录
            </Button>
          </View>
        </>
      )}
    </View>
  );
}
