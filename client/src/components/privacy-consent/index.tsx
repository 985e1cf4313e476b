/**
 * 个人信息保护告知 and consent, shown before any ID number is asked for. On weapp WeChat's
 * own privacy authorisation (wx.requirePrivacyAuthorize, through ../../wechat) must also be
 * agreed; on H5 the checkbox is the consent. `onAgree` runs only once both are given.
 */
import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ensurePrivacyAuthorized } from '../../wechat';
import './index.scss';

export const PRIVACY_NOTICE_TITLE = '《个人信息保护告知》';

const NOTICE: string[] = [
  '为核实您的身份并为您匹配可享受的政策，我们将收集您填写的姓名、居民身份证号（企业还包括统一社会信用代码、法定代表人信息）和手机号。',
  '上述信息仅用于向公安、市场监管等权威来源核验身份，以及办理政策申报、审核与资金拨付，不会用于其他目的，也不会向无关第三方提供。',
  '身份证号、手机号、银行账号在页面和日志中均脱敏显示；核验失败的记录仅保留至次日。',
  '您可以随时联系窗口工作人员查询、更正或注销您的信息。不同意本告知，将无法在线完成身份绑定，您可以到政务服务窗口办理。',
];

export function PrivacyConsent({ onAgree }: { onAgree: () => void }) {
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function agree() {
    if (!checked) {
      setError('请先阅读并勾选同意《个人信息保护告知》');
      return;
    }
    if (!(await ensurePrivacyAuthorized())) {
      setError('您未同意微信隐私授权，暂不能在线绑定身份');
      return;
    }
    setError(null);
    onAgree();
  }

  return (
    <View className="privacy" data-testid="privacy">
      <Text className="privacy__title">{PRIVACY_NOTICE_TITLE}</Text>
      {NOTICE.map((p) => (
        <Text key={p} className="privacy__para">
          {p}
        </Text>
      ))}
      <View
        className={`privacy__check ${checked ? 'privacy__check--on' : ''}`}
        role="checkbox"
        aria-checked={checked}
        data-testid="privacy-consent"
        onClick={() => {
          setChecked(!checked);
          setError(null);
        }}
      >
        <Text className="privacy__box">{checked ? '✓' : ''}</Text>
        <Text className="privacy__label">我已阅读并同意{PRIVACY_NOTICE_TITLE}</Text>
      </View>
      {error && (
        <View className="privacy__error" role="alert">
          {error}
        </View>
      )}
      <Button type="primary" size="xlarge" block onClick={() => void agree()}>
        同意并继续
      </Button>
    </View>
  );
}
