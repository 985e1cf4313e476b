/**
 * 预算专账 (issue #11): every budget line (policy × fiscal year) with what is allocated,
 * reserved, paid and left, in yuan; a line opens onto its journal (年初预算, 追加, 核减, 调剂 —
 * each with its reason and 文号). Changes waiting for approval are listed first: another admin
 * than the requester approves, after a confirmation, or turns one down with a reason. The
 * server's refusals (four eyes, a cut below what is committed) show in Chinese.
 */
import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen, type Fen } from '@shared/money';
import {
  approveBudgetChange,
  getBudgetLine,
  listBudgetLines,
  listPendingBudgetChanges,
  rejectBudgetChange,
  type BudgetChangeView,
  type BudgetLineView,
  type JournalEntryView,
} from '../../api/budget';
import { messageOf } from '../../api/client';
import { RemoteState } from '../../components/remote-state';
import { formatDateTime } from '../../format';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import { ReasonForm } from '../reason-form';
import '../admin.scss';

const yuan = (fen: number) => formatFen(fen as Fen);
/** +¥1,000.00 / −¥1,000.00 for the journal. */
const signed = (fen: number) => `${fen < 0 ? '−' : '+'}${yuan(Math.abs(fen))}`;

function ChangeRow({ c, onDone }: { c: BudgetChangeView; onDone: (text: string) => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const target =
    c.toPolicyTitle !== undefined && c.toFiscalYear !== undefined
      ? `，调入 ${c.toPolicyTitle}（${String(c.toFiscalYear)}年度）`
      : '';

  async function approve() {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: `审批${c.kindLabel}`,
      content: `${c.kindLabel} ${yuan(c.amountFen)}（${c.documentNo}）。审批后立即记入专账，确定吗？`,
      confirmText: '确认审批',
    });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      await approveBudgetChange(c.id);
      onDone(`已审批：${c.kindLabel} ${yuan(c.amountFen)}`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="op-row" data-testid="budget-change">
      <View className="op-row__head">
        <Text className="op-row__amount money">
          {c.kindLabel} {yuan(c.amountFen)}
        </Text>
        <Text className="op-row__status">{c.statusLabel}</Text>
      </View>
      <Text className="op-row__line">
        {c.policyTitle}（{String(c.fiscalYear)}年度）{target}
      </Text>
      <Text className="op-row__line">事由：{c.reason}</Text>
      <Text className="op-row__line">文号：{c.documentNo}</Text>
      <Text className="op-row__line">申请于 {formatDateTime(c.requestedAt)}</Text>
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      {c.status === 'requested' &&
        (rejecting ? (
          <ReasonForm
            title="驳回预算调整"
            label="驳回理由（必填）"
            placeholder="例如：文号与正式文件不符"
            confirmText="确认驳回"
            danger
            onSubmit={async (reason) => {
              await rejectBudgetChange(c.id, reason);
              setRejecting(false);
              onDone(`已驳回：${c.kindLabel} ${yuan(c.amountFen)}`);
            }}
            onClose={() => {
              setRejecting(false);
            }}
          />
        ) : (
          <View className="op-row__actions">
            {c.canApprove ? (
              <Button size="large" type="primary" loading={busy} onClick={() => void approve()}>
                审批
              </Button>
            ) : (
              <Text className="op-row__line">须由另一名管理员审批</Text>
            )}
            <Button
              size="large"
              type="danger"
              fill="outline"
              onClick={() => {
                setRejecting(true);
              }}
            >
              驳回
            </Button>
          </View>
        ))}
    </View>
  );
}

function JournalRow({ e }: { e: JournalEntryView }) {
  return (
    <View className="op-row" data-testid="journal-entry">
      <View className="op-row__head">
        <Text className="op-row__amount money">
          {e.kindLabel} {signed(e.deltaFen)}
        </Text>
        <Text className="op-row__status">{formatDateTime(e.at)}</Text>
      </View>
      <Text className="op-row__line">事由：{e.reason}</Text>
      {e.documentNo && <Text className="op-row__line">文号：{e.documentNo}</Text>}
      {e.counterpart && (
        <Text className="op-row__line">
          {e.deltaFen < 0 ? '调入' : '调出'}：{e.counterpart.policyTitle}（
          {String(e.counterpart.fiscalYear)}年度）
        </Text>
      )}
    </View>
  );
}

function Journal({ line }: { line: BudgetLineView }) {
  const { remote, reload } = useRemote(
    () => getBudgetLine(line.policyId, line.fiscalYear),
    [line.policyId, line.fiscalYear],
  );
  return (
    <RemoteState remote={remote} onRetry={() => void reload()}>
      {(d) => (
        <View>
          {d.journal.map((e, i) => (
            <JournalRow key={`${e.at}-${String(i)}`} e={e} />
          ))}
        </View>
      )}
    </RemoteState>
  );
}

function LineCard({ line }: { line: BudgetLineView }) {
  const [open, setOpen] = useState(false);
  return (
    <View className="op-row" data-testid="budget-line">
      <Text className="op-row__amount">
        {line.policyTitle}（{String(line.fiscalYear)}年度）
      </Text>
      <View className="kpis">
        <View className="kpi">
          <Text className="kpi__label">已安排</Text>
          <Text className="kpi__value money">{yuan(line.allocatedFen)}</Text>
        </View>
        <View className="kpi">
          <Text className="kpi__label">已预留</Text>
          <Text className="kpi__value money">{yuan(line.reservedFen)}</Text>
        </View>
        <View className="kpi">
          <Text className="kpi__label">已拨付</Text>
          <Text className="kpi__value money">{yuan(line.paidFen)}</Text>
        </View>
        <View className="kpi">
          <Text className="kpi__label">结余</Text>
          <Text className={`kpi__value money ${line.remainingFen === 0 ? 'kpi__value--warn' : ''}`}>
            {yuan(line.remainingFen)}
          </Text>
        </View>
      </View>
      <Button
        size="large"
        block
        onClick={() => {
          setOpen(!open);
        }}
      >
        {open ? '收起台账' : '查看台账'}
      </Button>
      {open && <Journal line={line} />}
    </View>
  );
}

export default function AdminBudgetPage() {
  const lines = useRemote(() => listBudgetLines());
  const pending = useRemote(() => listPendingBudgetChanges());
  const [notice, setNotice] = useState<string | null>(null);
  const reloadAll = () => Promise.all([lines.reload(), pending.reload()]);
  useReloadOnShow(() => void reloadAll());
  usePullDownRefresh(() => {
    void reloadAll().finally(() => {
      Taro.stopPullDownRefresh();
    });
  });
  return (
    <View className="page">
      <Text className="page-title">预算专账</Text>
      {notice && (
        <Text className="op-notice" data-testid="notice">
          {notice}
        </Text>
      )}
      <Text className="budget-section">待审批的调整</Text>
      <RemoteState
        remote={pending.remote}
        onRetry={() => void pending.reload()}
        isEmpty={(p) => p.items.length === 0}
        emptyTitle="暂无待审批的预算调整"
      >
        {(p) => (
          <View>
            {p.items.map((c) => (
              <ChangeRow
                key={c.id}
                c={c}
                onDone={(text) => {
                  setNotice(text);
                  void reloadAll();
                }}
              />
            ))}
          </View>
        )}
      </RemoteState>
      <Text className="budget-section">预算线</Text>
      <RemoteState
        remote={lines.remote}
        onRetry={() => void lines.reload()}
        isEmpty={(l) => l.items.length === 0}
        emptyTitle="暂无预算线"
      >
        {(l) => (
          <View>
            {l.items.map((line) => (
              <LineCard key={`${line.policyId}-${String(line.fiscalYear)}`} line={line} />
            ))}
          </View>
        )}
      </RemoteState>
    </View>
  );
}
