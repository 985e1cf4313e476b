/**
 * 资金追回 (issue #10): open a 追回 on a paid item (upheld objection after payment, audit
 * finding) with an amount and a reason; then, per policy, the recoveries 追回中 / 已追回 /
 * 已核销. Recording the money back returns it to the policy's budget line; a write-off (核销)
 * asks once more. Every command needs its text; the server's refusal shows in Chinese.
 */
import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatFen, type Fen } from '@shared/money';
import { OpenRecoveryBody, RECOVERY_VIEW_STATUSES } from '@shared/schemas/payable';
import {
  listRecoveries,
  openRecovery,
  recordRecovered,
  writeOffRecovery,
  type PayableKind,
  type RecoveryView,
} from '../../api/payables';
import { listPolicies } from '../../api/policies';
import { MoreButton } from '../../components/paged-list';
import { RemoteState } from '../../components/remote-state';
import { formatDateTime, parseYuanInput } from '../../format';
import { usePaged } from '../../hooks/usePaged';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import { PAYABLE_KIND_LABEL, RECOVERY_STATUS_LABEL } from '../../labels';
import { ReasonForm, Segmented } from '../reason-form';
import '../admin.scss';

type Status = (typeof RECOVERY_VIEW_STATUSES)[number];
const TABS: { key: Status; title: string }[] = RECOVERY_VIEW_STATUSES.map((key) => ({
  key,
  title: RECOVERY_STATUS_LABEL[key],
}));
const KINDS = (['application', 'grant', 'loan_interest'] as const).map((k) => ({
  key: k,
  title: PAYABLE_KIND_LABEL[k],
}));

function OpenRecovery({ onOpened }: { onOpened: (r: RecoveryView) => void }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<PayableKind>('application');
  const [itemId, setItemId] = useState('');
  const [amount, setAmount] = useState('');
  if (!open) {
    return (
      <View className="form-field">
        <Button type="primary" size="xlarge" block onClick={() => setOpen(true)}>
          发起追回
        </Button>
      </View>
    );
  }
  return (
    <ReasonForm
      title="对已拨付事项发起追回"
      label="追回原因（必填，记入操作记录）"
      placeholder="例如：审计发现多报招用人数"
      confirmText="确认发起"
      extra={
        <View>
          <Segmented options={KINDS} value={kind} onChange={setKind} testId="recovery-kind" />
          <View className="form-field">
            <Text className="form-field__label">事项编号</Text>
            <Input
              className="form-field__input"
              placeholder="例如 app_01…"
              value={itemId}
              onChange={(v: string) => setItemId(v.trim())}
            />
          </View>
          <View className="form-field">
            <Text className="form-field__label">追回金额（元，不超过已拨付金额）</Text>
            <Input
              className="form-field__input"
              type="digit"
              placeholder="例如 600.00"
              value={amount}
              onChange={(v: string) => setAmount(v)}
            />
          </View>
        </View>
      }
      check={() => {
        if (!itemId) return '请填写事项编号';
        const amountFen = parseYuanInput(amount);
        if (amountFen === undefined) return '请输入正确的追回金额';
        const parsed = OpenRecoveryBody.safeParse({ amountFen, reason: 'x' });
        return parsed.success ? undefined : parsed.error.issues[0]?.message;
      }}
      onSubmit={async (reason) => {
        const amountFen = parseYuanInput(amount);
        if (amountFen === undefined) return; // check() has already refused it
        const r = await openRecovery(kind, itemId, { amountFen, reason });
        setOpen(false);
        setItemId('');
        setAmount('');
        onOpened(r);
      }}
      onClose={() => setOpen(false)}
    />
  );
}

function RecoveryRow({ r, onDone }: { r: RecoveryView; onDone: (text: string) => void }) {
  const [action, setAction] = useState<'recovered' | 'write_off' | null>(null);
  return (
    <View className="op-row" data-testid="recovery-row">
      <View className="op-row__head">
        <Text className="op-row__amount money">{formatFen(r.amountFen as Fen)}</Text>
        <Text className="op-row__status">{r.statusLabel}</Text>
      </View>
      <Text className="op-row__line">已拨付 {formatFen(r.paidFen as Fen)}</Text>
      <Text className="op-row__line">
        事项：{PAYABLE_KIND_LABEL[r.itemKind]} {r.itemId}
      </Text>
      <Text className="op-row__line">追回原因：{r.reason}</Text>
      <Text className="op-row__line">发起于 {formatDateTime(r.openedAt)}</Text>
      {r.closedAt && (
        <Text className="op-row__line">
          {r.status === 'written_off' ? '核销' : '追回'}于 {formatDateTime(r.closedAt)}
          {r.closeNote ? `：${r.closeNote}` : ''}
        </Text>
      )}
      {r.status === 'open' &&
        (action === null ? (
          <View className="op-row__actions">
            <Button size="large" type="primary" onClick={() => setAction('recovered')}>
              登记已追回
            </Button>
            <Button
              size="large"
              type="danger"
              fill="outline"
              onClick={() => setAction('write_off')}
            >
              核销
            </Button>
          </View>
        ) : action === 'recovered' ? (
          <ReasonForm
            title="登记已追回"
            label="追回说明（必填，例如缴款书编号）"
            placeholder="例如：已缴回，缴款书 2020-0012"
            confirmText="确认已追回"
            onSubmit={async (note) => {
              await recordRecovered(r.id, note);
              setAction(null);
              onDone(`已登记追回 ${formatFen(r.amountFen as Fen)}，资金已回到预算额度`);
            }}
            onClose={() => setAction(null)}
          />
        ) : (
          <ReasonForm
            title="核销"
            label="核销原因（必填）"
            placeholder="例如：企业已注销，无法追回"
            confirmText="确认核销"
            danger
            confirm={`核销后不再追回这 ${formatFen(r.amountFen as Fen)}，且不能撤销。确定核销吗？`}
            onSubmit={async (reason) => {
              await writeOffRecovery(r.id, reason);
              setAction(null);
              onDone(`已核销 ${formatFen(r.amountFen as Fen)}`);
            }}
            onClose={() => setAction(null)}
          />
        ))}
    </View>
  );
}

function Recoveries({
  policyId,
  status,
  onNotice,
}: {
  policyId: string;
  status: Status;
  onNotice: (t: string) => void;
}) {
  const { remote, reload, more, loadMore } = usePaged(
    (cursor) => listRecoveries({ policyId, status, ...(cursor ? { cursor } : {}) }),
    [policyId, status],
  );
  useReloadOnShow(reload);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <RemoteState
      remote={remote}
      onRetry={() => void reload()}
      isEmpty={(p) => p.items.length === 0}
      emptyTitle={`暂无${TABS.find((t) => t.key === status)?.title ?? ''}的记录`}
    >
      {(page) => (
        <View>
          {[...page.items, ...more.items].map((r) => (
            <RecoveryRow
              key={r.id}
              r={r}
              onDone={(text) => {
                onNotice(text);
                void reload();
              }}
            />
          ))}
          <MoreButton more={more} onMore={() => void loadMore()} />
        </View>
      )}
    </RemoteState>
  );
}

export default function AdminRecoveriesPage() {
  const policies = useRemote(() => listPolicies());
  const [chosen, setChosen] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>('open');
  const [notice, setNotice] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  return (
    <View className="page">
      <Text className="page-title">资金追回</Text>
      <OpenRecovery
        onOpened={(r) => {
          setNotice(`已发起追回 ${formatFen(r.amountFen as Fen)}：${r.itemId}`);
          setStatus('open');
          setGeneration((g) => g + 1);
        }}
      />
      {notice && (
        <Text className="op-notice" data-testid="notice">
          {notice}
        </Text>
      )}
      <RemoteState
        remote={policies.remote}
        onRetry={() => void policies.reload()}
        isEmpty={(p) => p.items.length === 0}
        emptyTitle="暂无政策"
      >
        {(page) => {
          const policyId = chosen ?? page.items[0].id;
          return (
            <View>
              <Text className="card__line">政策</Text>
              <Segmented
                options={page.items.map((p) => ({ key: p.id, title: p.title }))}
                value={policyId}
                onChange={setChosen}
                testId="policies"
              />
              <Segmented options={TABS} value={status} onChange={setStatus} testId="tabs" />
              <Recoveries
                key={generation}
                policyId={policyId}
                status={status}
                onNotice={setNotice}
              />
            </View>
          );
        }}
      </RemoteState>
    </View>
  );
}
