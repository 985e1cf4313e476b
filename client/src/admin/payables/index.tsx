/**
 * 拨付异常处理 (issue #10): the items an operator works through — parked without an account
 * (待补账户), held (暂停), failed or returned (失败) — with the masked account and the amount.
 * Each command needs a reason (it lands in the audit trail); cancel asks once more, because it
 * releases the budget reservation and the claim and cannot be undone.
 */
import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatFen, type Fen } from '@shared/money';
import { CorrectAccountBody } from '@shared/schemas/payable';
import {
  correctPayableAccount,
  listPayables,
  operatePayable,
  type PayableCommand,
  type PayableItemView,
  type PayableKind,
} from '../../api/payables';
import { listPolicies } from '../../api/policies';
import { MoreButton } from '../../components/paged-list';
import { RemoteState } from '../../components/remote-state';
import { usePaged } from '../../hooks/usePaged';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import { PAYABLE_KIND_LABEL } from '../../labels';
import { ReasonForm, Segmented } from '../reason-form';
import '../admin.scss';

type Tab = 'awaiting_account' | 'on_hold' | 'payment_failed' | 'returned';
const TABS: { key: Tab; title: string }[] = [
  { key: 'awaiting_account', title: '待补账户' },
  { key: 'on_hold', title: '暂停' },
  { key: 'payment_failed', title: '失败' },
  { key: 'returned', title: '退票' },
];
const KINDS = (['application', 'grant', 'loan_interest'] as const).map((k) => ({
  key: k,
  title: PAYABLE_KIND_LABEL[k],
}));

type Action = PayableCommand | 'account';
const ACTION_LABEL: Record<Action, string> = {
  hold: '暂停',
  release: '恢复',
  cancel: '取消',
  account: '更正账户',
};
const DONE_LABEL: Record<Action, string> = {
  hold: '已暂停',
  release: '已恢复',
  cancel: '已取消',
  account: '已更正账户',
};

function actionsFor(status: string): Action[] {
  if (status === 'on_hold') return ['release', 'account', 'cancel'];
  return ['account', 'hold', 'cancel'];
}

function AccountFields({ value, onChange }: { value: Payee; onChange: (p: Payee) => void }) {
  const field = (
    key: keyof Payee,
    label: string,
    placeholder: string,
    type: 'text' | 'digit' = 'text',
  ) => (
    <View className="form-field">
      <Text className="form-field__label">{label}</Text>
      <Input
        className="form-field__input"
        type={type}
        placeholder={placeholder}
        value={value[key]}
        onChange={(v: string) => onChange({ ...value, [key]: v })}
      />
    </View>
  );
  return (
    <View>
      {field('accountName', '户名（须与申请人一致）', '例如 张三')}
      {field('bankName', '开户银行', '例如 农业银行兰州分行')}
      {field('accountNumber', '收款账号', '8–30 位数字', 'digit')}
    </View>
  );
}

interface Payee {
  accountName: string;
  bankName: string;
  accountNumber: string;
}
const NO_PAYEE: Payee = { accountName: '', bankName: '', accountNumber: '' };

function PayableRow({
  item,
  policyTitle,
  onDone,
}: {
  item: PayableItemView;
  policyTitle?: string;
  onDone: (text: string) => void;
}) {
  const [open, setOpen] = useState<Action | null>(null);
  const [payee, setPayee] = useState<Payee>(NO_PAYEE);
  const kind = item.kind;

  async function run(action: Action, reason: string) {
    if (action === 'account') await correctPayableAccount(kind, item.id, { ...payee, reason });
    else await operatePayable(kind, item.id, action, reason);
    setOpen(null);
    onDone(`${DONE_LABEL[action]}：${item.id}`);
  }

  return (
    <View className="op-row" data-testid="payable-row">
      <View className="op-row__head">
        <Text className="op-row__amount money">{formatFen(item.amountFen as Fen)}</Text>
        <Text className="op-row__status">{item.statusLabel}</Text>
      </View>
      <Text className="op-row__line">政策：{policyTitle ?? item.policyId}</Text>
      <Text className="op-row__line">编号：{item.id}</Text>
      <Text className="op-row__line">收款账户：{item.accountMasked ?? '未提供'}</Text>
      {item.attempts > 0 && <Text className="op-row__line">已尝试拨付 {item.attempts} 次</Text>}
      {item.holdReason && <Text className="op-row__line">暂停原因：{item.holdReason}</Text>}
      {item.paymentFailure && <Text className="op-row__line">失败原因：{item.paymentFailure}</Text>}
      {open === null ? (
        <View className="op-row__actions">
          {actionsFor(item.status).map((a) => (
            <Button
              key={a}
              size="large"
              type={a === 'cancel' ? 'danger' : 'default'}
              fill={a === 'cancel' ? 'outline' : undefined}
              onClick={() => setOpen(a)}
            >
              {ACTION_LABEL[a]}
            </Button>
          ))}
        </View>
      ) : (
        <ReasonForm
          title={`${ACTION_LABEL[open]}拨付事项`}
          label={`${ACTION_LABEL[open]}原因（必填，记入操作记录）`}
          placeholder={
            open === 'account'
              ? '例如：申请人来电更正账号'
              : open === 'cancel'
                ? '例如：经核实不符合条件'
                : '例如：收到举报，待核实'
          }
          confirmText={`确认${ACTION_LABEL[open]}`}
          danger={open === 'cancel'}
          confirm={
            open === 'cancel'
              ? `取消后不再拨付 ${formatFen(item.amountFen as Fen)}，预算额度释放，且不能撤销。确定取消吗？`
              : undefined
          }
          extra={
            open === 'account' ? <AccountFields value={payee} onChange={setPayee} /> : undefined
          }
          check={
            open === 'account'
              ? () => {
                  const parsed = CorrectAccountBody.safeParse({ ...payee, reason: 'x' });
                  return parsed.success
                    ? undefined
                    : parsed.error.issues[0]?.path[0] === 'accountNumber'
                      ? parsed.error.issues[0]?.message
                      : '请填写户名、开户银行和收款账号';
                }
              : undefined
          }
          onSubmit={(reason) => run(open, reason)}
          onClose={() => setOpen(null)}
        />
      )}
    </View>
  );
}

export default function AdminPayablesPage() {
  const [kind, setKind] = useState<PayableKind>('application');
  const [tab, setTab] = useState<Tab>('awaiting_account');
  const [notice, setNotice] = useState<string | null>(null);
  const { remote, reload, more, loadMore } = usePaged(
    (cursor) => listPayables({ kind, status: tab, ...(cursor ? { cursor } : {}) }),
    [kind, tab],
  );
  useReloadOnShow(reload);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  // Titles for the rows; without them (still loading, or failed) the policy id shows.
  const { remote: policies } = useRemote(() => listPolicies().catch(() => ({ items: [] })));
  const titles = new Map(
    policies.state === 'ready' ? policies.data.items.map((p) => [p.id, p.title] as const) : [],
  );

  return (
    <View className="page">
      <Text className="page-title">拨付异常处理</Text>
      <Segmented
        options={KINDS}
        value={kind}
        onChange={(k) => {
          setKind(k);
          setNotice(null);
        }}
        testId="kind"
      />
      <Segmented
        options={TABS}
        value={tab}
        onChange={(t) => {
          setTab(t);
          setNotice(null);
        }}
        testId="tabs"
      />
      {notice && (
        <Text className="op-notice" data-testid="notice">
          {notice}
        </Text>
      )}
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(p) => p.items.length === 0}
        emptyTitle="没有需要处理的事项"
        emptyDescription={`${PAYABLE_KIND_LABEL[kind]} · ${TABS.find((t) => t.key === tab)?.title ?? ''}`}
      >
        {(page) => (
          <View>
            {[...page.items, ...more.items].map((item) => (
              <PayableRow
                key={`${item.kind}:${item.id}`}
                item={item}
                policyTitle={titles.get(item.policyId)}
                onDone={(text) => {
                  setNotice(text);
                  void reload();
                }}
              />
            ))}
            <MoreButton more={more} onMore={() => void loadMore()} />
          </View>
        )}
      </RemoteState>
    </View>
  );
}
