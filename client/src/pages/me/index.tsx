/** 我的: who is signed in, the money pages, staff entrances, logout. */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { getMe, type Me } from '../../api/auth';
import { clearSession, getSession } from '../../api/client';
import { useElderMode } from '../../hooks/useElderMode';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import { ROLE_LABEL } from '../../labels';
import { go } from '../../navigation';
import { routes } from '../../routes';
import './index.scss';

/**
 * 长辈版: the whole row is one switch (role=switch, its state read out). NutUI's Switch is not
 * used: on H5 it renders `aria-role`, an invalid attribute that axe reports as critical.
 */
function ElderSwitch() {
  const [elder, setElder] = useElderMode();
  return (
    <View
      className="elder-switch"
      data-testid="elder-switch"
      aria-checked={elder ? 'true' : 'false'}
      aria-label="长辈版：字更大、按钮更大"
      {...{ role: 'switch', tabIndex: 0 }}
      onClick={() => {
        setElder(!elder);
      }}
    >
      <View className="elder-switch__text">
        <Text className="elder-switch__title">长辈版</Text>
        <Text className="muted">字更大、按钮更大</Text>
      </View>
      <View className={`elder-switch__track${elder ? ' elder-switch__track--on' : ''}`}>
        <View className="elder-switch__knob" />
      </View>
    </View>
  );
}

export default function MePage() {
  const [session, setSession] = useState(getSession);
  // whether this applicant manages an enterprise (its members) is known to the server only
  const { remote: meRemote } = useRemote<Me | null>(
    () => (session?.role === 'applicant' ? getMe() : Promise.resolve(null)),
    [session?.token],
  );
  const me = meRemote.state === 'ready' ? meRemote.data : null;
  useReloadOnShow(() => {
    setSession(getSession());
  });
  // an enterprise account without a member role is one from before issue 12: it holds every right
  const managesEnterprise = me?.subject?.kind === 'enterprise' && me.memberRole !== 'operator';

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
        {managesEnterprise && (
          <Cell
            title="经办人管理"
            extra="›"
            clickable
            onClick={() => {
              go(routes.members);
            }}
          />
        )}
        {session.role === 'reviewer' && (
          <Cell title="待审件" extra="›" clickable onClick={() => go(routes.reviewQueue)} />
        )}
        {session.role === 'admin' && (
          <Cell title="运营看板" extra="›" clickable onClick={() => go(routes.adminDashboard)} />
        )}
        {session.role === 'admin' && (
          <Cell
            title="工作人员账号"
            extra="›"
            clickable
            onClick={() => {
              go(routes.adminStaff);
            }}
          />
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
