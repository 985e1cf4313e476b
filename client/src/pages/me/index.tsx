/** 我的: who is signed in, the money pages, staff entrances, logout. */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, Switch } from '@nutui/nutui-react-taro';
import { clearSession, getSession } from '../../api/client';
import { useElderMode } from '../../hooks/useElderMode';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { ROLE_LABEL } from '../../labels';
import { go } from '../../navigation';
import { routes } from '../../routes';

/** 长辈版: the whole row takes the tap; the switch shows the state (and is tappable too). */
function ElderSwitch() {
  const [elder, setElder] = useElderMode();
  return (
    <Cell.Group>
      <Cell
        className="elder-switch"
        data-testid="elder-switch"
        title="长辈版"
        description="字更大、按钮更大"
        clickable
        onClick={() => {
          setElder(!elder);
        }}
        extra={<Switch checked={elder} ariaLabel="长辈版" />}
      />
    </Cell.Group>
  );
}

export default function MePage() {
  const [session, setSession] = useState(getSession);
  useReloadOnShow(() => setSession(getSession()));

  if (!session) {
    return (
      <View className="page">
        <Text className="page-title">我的</Text>
        <Button type="primary" size="xlarge" block onClick={() => go(routes.login)}>
          登录
        </Button>
        <ElderSwitch />
      </View>
    );
  }
  return (
    <View className="page">
      <Text className="page-title">{session.name}</Text>
      <Text className="muted">{ROLE_LABEL[session.role]}</Text>
      <Cell.Group>
        <Cell title="免申即享" extra="›" clickable onClick={() => go(routes.grants)} />
        <Cell title="资金到账" extra="›" clickable onClick={() => go(routes.payments)} />
        {session.role === 'reviewer' && (
          <Cell title="待审件" extra="›" clickable onClick={() => go(routes.reviewQueue)} />
        )}
        {session.role === 'admin' && (
          <Cell title="运营看板" extra="›" clickable onClick={() => go(routes.adminDashboard)} />
        )}
      </Cell.Group>
      <ElderSwitch />
      <Button
        block
        size="large"
        onClick={() => {
          clearSession();
          void Taro.reLaunch({ url: routes.login });
        }}
      >
        退出登录
      </Button>
    </View>
  );
}
