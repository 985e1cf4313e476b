/**
 * 免申即享: money the government's own data already proves is owed. A grant without an
 * account on file waits for the subject to confirm where to receive it.
 */
import { useRef, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import { ConfirmGrantBody } from '@shared/schemas/grant';
import { formatFen, type Fen } from '@shared/money';
import { normaliseAccountNumber } from '@shared/payee';
import '../../components/account-form/index.scss';
import { messageOf, newIdempotencyKey } from '../../api/client';
import { confirmGrant, listGrants, type GrantView } from '../../api/grants';
import { MoreButton } from '../../components/paged-list';
import { RatingCard } from '../../components/rating';
import { RemoteState } from '../../components/remote-state';
import { formatDate } from '../../format';
import { usePaged } from '../../hooks/usePaged';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { GRANT_STATUS_LABEL } from '../../labels';
import { requestStatusNotifications } from '../../wechat';

type Field = 'accountName' | 'bankName' | 'accountNumber' | 'accountNumberRepeat';
const FIELDS: { key: Field; label: string; placeholder: string; type?: 'number' }[] = [
  { key: 'accountName', label: '户名', placeholder: '与营业执照或身份证一致' },
  { key: 'bankName', label: '开户银行', placeholder: '例如 中国农业银行高台县支行' },
  { key: 'accountNumber', label: '银行账号', placeholder: '8–30 位数字', type: 'number' },
  {
    key: 'accountNumberRepeat',
    label: '再次输入银行账号',
    placeholder: '请再输入一遍，核对无误',
    type: 'number',
  },
];

/** Statuses in which the subject may still change the account (before the money moves). */
const CHANGEABLE = [
  'publicity',
  'payable',
  'returned',
  'payment_failed',
  'awaiting_account',
  'on_hold',
];

export function ConfirmAccount({
  grant,
  onConfirmed,
}: {
  grant: GrantView;
  onConfirmed: (g: GrantView) => void;
}) {
  const [values, setValues] = useState<Record<Field, string>>({
    accountName: '',
    bankName: '',
    accountNumber: '',
    accountNumberRepeat: '',
  });
  const typed = normaliseAccountNumber(values.accountNumber);
  const same = typed.length >= 4 && normaliseAccountNumber(values.accountNumberRepeat) === typed;
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey()); // one intent: this form; retries reuse it

  async function send() {
    const { accountNumberRepeat, ...account } = values;
    const parsed = ConfirmGrantBody.safeParse(account);
    const e: Partial<Record<Field, string>> = {};
    if (!parsed.success)
      for (const i of parsed.error.issues)
        e[i.path[0] as Field] ??= i.code === 'too_small' ? '请填写此项' : i.message;
    // a money-critical number is typed twice (issue #17)
    if (normaliseAccountNumber(accountNumberRepeat) !== typed)
      e.accountNumberRepeat = accountNumberRepeat
        ? '两次输入的账号不一致，请核对'
        : '请再次输入账号';
    if (!parsed.success || Object.keys(e).length > 0) {
      setErrors(e);
      return;
    }
    setErrors({});
    setBusy(true);
    void requestStatusNotifications();
    try {
      onConfirmed(await confirmGrant(grant.id, parsed.data, key.current));
    } catch (e) {
      setErrors({ form: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="grant__confirm" data-testid="confirm-account">
      <Text className="card__line">
        {grant.status === 'awaiting_confirmation'
          ? '请确认收款账户，确认后进入公示，公示结束即拨付。'
          : '资金拨付前可更改收款账户；拨付开始后不能再改。'}
      </Text>
      {FIELDS.map((f) => (
        <View key={f.key} className="form-field">
          <Text className="form-field__label">{f.label}</Text>
          <Input
            className="form-field__input"
            type={f.type ?? 'text'}
            placeholder={f.placeholder}
            value={values[f.key]}
            onChange={(v: string) => setValues((s) => ({ ...s, [f.key]: v }))}
          />
          {errors[f.key] && <Text className="form-error">{errors[f.key]}</Text>}
        </View>
      ))}
      {same && (
        <View className="account__readback" data-testid="account-readback" role="status">
          <Text className="account__readback-title">请核对收款账户</Text>
          <Text className="card__line">户名：{values.accountName.trim()}</Text>
          <Text className="card__line">开户银行：{values.bankName.trim()}</Text>
          <Text className="card__line">
            账号：****{typed.slice(-4)}（尾号 {typed.slice(-4)}）
          </Text>
        </View>
      )}
      {errors.form && (
        <View className="form-error" role="alert">
          {errors.form}
        </View>
      )}
      <View className="form-field">
        <Button type="primary" size="xlarge" block loading={busy} onClick={() => void send()}>
          {grant.status === 'awaiting_confirmation' ? '确认收款账户' : '更改收款账户'}
        </Button>
      </View>
    </View>
  );
}

function GrantCard({ initial }: { initial: GrantView }) {
  const [grant, setGrant] = useState(initial);
  const [changing, setChanging] = useState(false);
  return (
    <View className="card" data-testid="grant">
      <View className="card__head">
        <Text className="card__title">{grant.policyTitle}</Text>
        <Tag
          type={
            grant.status === 'paid'
              ? 'success'
              : grant.status === 'awaiting_confirmation'
                ? 'warning'
                : 'primary'
          }
        >
          {GRANT_STATUS_LABEL[grant.status]}
        </Tag>
      </View>
      <Text className="card__line">
        <Text className="money">{formatFen(grant.amountFen as Fen)}</Text>
      </Text>
      <Text className="card__line">
        所属期 {grant.period} · 认定于 {formatDate(grant.detectedAt)}
      </Text>
      {grant.accountMasked && (
        <Text className="card__line">
          收款账户 {grant.bankName ?? ''} {grant.accountMasked}
        </Text>
      )}
      {grant.status === 'publicity' && (
        <Text className="card__line">公示至 {formatDate(grant.publicityEndsAt)}</Text>
      )}
      {grant.paidAt && <Text className="card__line">到账于 {formatDate(grant.paidAt)}</Text>}
      {grant.paymentFailure && <Text className="card__line warn">{grant.paymentFailure}</Text>}
      {/* 好差评 (issue #17): a paid grant is rated as a paid application is */}
      {grant.status === 'paid' && (
        <RatingCard kind="grant" itemId={grant.id} rated={grant.rating} />
      )}
      {grant.status === 'awaiting_confirmation' && (
        <ConfirmAccount grant={grant} onConfirmed={setGrant} />
      )}
      {CHANGEABLE.includes(grant.status) &&
        (changing ? (
          <ConfirmAccount
            grant={grant}
            onConfirmed={(g) => {
              setGrant(g);
              setChanging(false);
              void Taro.showToast({ title: '收款账户已更改', icon: 'success' });
            }}
          />
        ) : (
          <Button
            className="grant__change"
            size="large"
            data-testid="change-account"
            onClick={() => setChanging(true)}
          >
            更改收款账户
          </Button>
        ))}
    </View>
  );
}

export default function GrantsPage() {
  const { remote, reload, more, loadMore } = usePaged((cursor) => listGrants(cursor));
  useReloadOnShow(reload);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <View className="page">
      <Text className="page-title">免申即享</Text>
      <Text className="muted">系统根据政府部门已有数据自动认定，无需申请</Text>
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(p) => p.items.length === 0}
        emptyTitle="暂无免申即享资金"
        emptyDescription="符合条件时系统会自动认定并通知您"
      >
        {(page) => (
          <View>
            {[...page.items, ...more.items].map((g) => (
              <GrantCard key={`${g.id}:${g.status}`} initial={g} />
            ))}
            <MoreButton more={more} onMore={() => void loadMore()} />
          </View>
        )}
      </RemoteState>
    </View>
  );
}
