/**
 * 政策参数 (issue #11): the amounts, thresholds and rates the policies read, each with the value
 * in force today, the values already set for later dates, and the new values waiting for
 * review. An admin proposes a new value from a date (today at the earliest: the server refuses
 * past days, and its Chinese message shows); another admin approves it after a confirmation,
 * or any admin turns it down with a reason. The proposer's own proposal says it needs another
 * admin and offers no approval. Values read as people read them (¥, %, 个月), policies by their
 * titles, dates in Chinese — never a parameter's name (issue #17).
 */
import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import { parameterValueText, type ParameterUnit } from '@shared/policies/parameters';
import { getSession, messageOf } from '../../api/client';
import {
  decideParameterValue,
  listParameters,
  proposeParameterValue,
  type ParameterView,
} from '../../api/studio';
import { RemoteState } from '../../components/remote-state';
import { formatDate, formatDateTime, parseYuanInput } from '../../format';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import { ReasonForm } from '../reason-form';
import '../admin.scss';
import './parameters.scss';

type Proposal = NonNullable<ParameterView['proposals']>[number];

const UNITS: readonly string[] = ['fen', 'month', 'bp', 'household', 'person', 'day'];
const unitOf = (p: ParameterView): ParameterUnit =>
  (UNITS.includes(p.unit) ? p.unit : 'person') as ParameterUnit;
/** A value as people read it: ¥1,500.00, 5.5%, 12个月 — never 分 or 基点. */
export const valueText = (p: ParameterView, value: number) => parameterValueText(value, unitOf(p));

/** What a person types the value in: 元 for money, % for rates, else a whole number of the unit. */
const INPUT_UNIT: Record<ParameterUnit, string> = {
  fen: '元',
  bp: '%',
  month: '个月',
  day: '天',
  person: '人',
  household: '户',
};

/** The typed value in the parameter's unit (fen, basis points, a count), or a Chinese refusal. */
export function parseValueInput(text: string, unit: ParameterUnit): number | string {
  const t = text.trim();
  if (t === '') return '请填写新取值';
  if (unit === 'fen') return parseYuanInput(t) ?? '金额格式不正确，例如 1500 或 1500.50';
  if (unit === 'bp') {
    const m = /^(\d{1,4})(?:\.(\d{1,2}))?\s*%?$/.exec(t);
    if (!m) return '比例格式不正确，例如 5.5（表示5.5%）';
    const hundredths = m[2] as string | undefined; // an optional group: undefined when absent
    return Number(m[1]) * 100 + Number((hundredths ?? '').padEnd(2, '0'));
  }
  return /^\d{1,9}$/.test(t) ? Number(t) : `请填写整数（单位：${INPUT_UNIT[unit]}）`;
}

/** The value in force on `asOf` and the values set for later dates. */
export function valuesAround(p: ParameterView, asOf: string) {
  const past = p.values.filter((v) => v.from <= asOf);
  return { current: past.at(-1), later: p.values.filter((v) => v.from > asOf) };
}

const policiesOf = (p: ParameterView) =>
  p.policyTitles?.length ? `适用政策：${p.policyTitles.join('、')}` : null;

function ProposalRow({
  p,
  q,
  asOf,
  onDone,
}: {
  p: ParameterView;
  q: Proposal;
  asOf: string;
  onDone: (text: string) => void;
}) {
  const [rejecting, setRejecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { current } = valuesAround(p, q.from);
  // the proposer may withdraw its own proposal (a rejection with a reason), never approve it
  const own = q.proposedBy === getSession()?.userId;
  const what = `${p.label}自${formatDate(q.from)}起调整为 ${valueText(p, q.value)}`;

  async function approve() {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '审核通过新取值',
      content: `${what}${current ? `（此前为 ${valueText(p, current.value)}）` : ''}。通过后自该日起按新取值计算，确定吗？`,
      confirmText: '确认通过',
    });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      await decideParameterValue(p.name, q.from, 'approve');
      onDone(`已通过：${what}`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="op-row" data-testid="parameter-proposal">
      <View className="op-row__head">
        <Text className="op-row__amount money">
          {p.label} {valueText(p, q.value)}
        </Text>
        <Text className="op-row__status">待审核</Text>
      </View>
      {policiesOf(p) && <Text className="op-row__line">{policiesOf(p)}</Text>}
      <Text className="op-row__line">自 {formatDate(q.from)} 起生效</Text>
      {current && <Text className="op-row__line">此前取值：{valueText(p, current.value)}</Text>}
      {q.note && <Text className="op-row__line">说明：{q.note}</Text>}
      <Text className="op-row__line">提出于 {formatDateTime(q.proposedAt)}</Text>
      {q.from < asOf && <Text className="op-row__line">生效日期已过，不能再通过，请重新提出</Text>}
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      {rejecting ? (
        <ReasonForm
          title={own ? '撤回新取值' : '驳回新取值'}
          label={own ? '撤回原因（必填）' : '驳回理由（必填）'}
          placeholder={own ? '例如：生效日期填错，重新提出' : '例如：未经县政府常务会议研究'}
          confirmText={own ? '确认撤回' : '确认驳回'}
          onSubmit={async (reason) => {
            await decideParameterValue(p.name, q.from, 'reject', reason);
            setRejecting(false);
            onDone(`${own ? '已撤回' : '已驳回'}：${what}`);
          }}
          onClose={() => {
            setRejecting(false);
          }}
        />
      ) : (
        <View className="op-row__actions">
          {q.canApprove ? (
            <Button size="large" type="primary" loading={busy} onClick={() => void approve()}>
              审核通过
            </Button>
          ) : (
            <Text className="op-row__line" data-testid="needs-other-admin">
              需另一位管理员审核
            </Text>
          )}
          <Button
            size="large"
            onClick={() => {
              setRejecting(true);
            }}
          >
            {own ? '撤回' : '驳回'}
          </Button>
        </View>
      )}
    </View>
  );
}

function ProposeForm({
  p,
  asOf,
  onDone,
  onClose,
}: {
  p: ParameterView;
  asOf: string;
  onDone: (text: string) => void;
  onClose: () => void;
}) {
  const unit = unitOf(p);
  const [from, setFrom] = useState(asOf);
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (busy) return;
    const day = from.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      setError('生效日期格式不正确，例如 2021-01-01');
      return;
    }
    const parsed = parseValueInput(value, unit);
    if (typeof parsed === 'string') {
      setError(parsed);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await proposeParameterValue(p.name, {
        from: day,
        value: parsed,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onDone(
        `已提交：${p.label}自${formatDate(day)}起 ${valueText(p, parsed)}，待另一位管理员审核`,
      );
    } catch (e) {
      // the server's Chinese refusal: a past day, a date already waiting for review …
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="op-form" data-testid="propose-form">
      <Text className="op-form__title">提出新取值</Text>
      <View className="form-field">
        <Text className="form-field__label">生效日期（今天 {formatDate(asOf)} 或以后）</Text>
        <Input
          className="form-field__input"
          data-testid="propose-from"
          placeholder="例如 2021-01-01"
          value={from}
          onChange={(v: string) => {
            setFrom(v);
          }}
        />
      </View>
      <View className="form-field">
        <Text className="form-field__label">新取值（{INPUT_UNIT[unit]}）</Text>
        <Input
          className="form-field__input"
          data-testid="propose-value"
          type={unit === 'fen' || unit === 'bp' ? 'digit' : 'number'}
          placeholder={unit === 'fen' ? '例如 1500' : unit === 'bp' ? '例如 5.5' : '例如 12'}
          value={value}
          onChange={(v: string) => {
            setValue(v);
          }}
        />
      </View>
      <View className="form-field">
        <Text className="form-field__label">说明（可不填，例如依据的文件）</Text>
        <Textarea
          className="op-form__textarea"
          value={note}
          maxlength={200}
          placeholder="例如：县人社局、财政局联合通知"
          onInput={(e) => {
            setNote(e.detail.value);
          }}
        />
      </View>
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      <View className="op-form__actions">
        <Button size="large" onClick={onClose}>
          取消
        </Button>
        <Button size="large" type="primary" loading={busy} onClick={() => void submit()}>
          提交审核
        </Button>
      </View>
    </View>
  );
}

function ParameterCard({
  p,
  asOf,
  onDone,
}: {
  p: ParameterView;
  asOf: string;
  onDone: (text: string) => void;
}) {
  const [proposing, setProposing] = useState(false);
  const { current, later } = valuesAround(p, asOf);
  return (
    <View className="card param-card" data-testid="parameter">
      <Text className="card__title">{p.label}</Text>
      {policiesOf(p) && <Text className="card__line muted">{policiesOf(p)}</Text>}
      <View className="param-value">
        <Text className="param-value__label">现行取值</Text>
        <Text className="param-value__amount money" data-testid="current-value">
          {current ? valueText(p, current.value) : '尚未生效'}
        </Text>
        {current && <Text className="param-value__from">自 {formatDate(current.from)} 起</Text>}
      </View>
      {later.map((v) => (
        <View className="param-later" key={v.from} data-testid="later-value">
          <Tag type="warning">待生效</Tag>
          <Text className="param-later__text">
            自 {formatDate(v.from)} 起 {valueText(p, v.value)}
          </Text>
        </View>
      ))}
      {p.note && <Text className="card__line muted">{p.note}</Text>}
      {(p.proposals?.length ?? 0) > 0 && (
        <Text className="card__line">有 {p.proposals?.length} 项新取值待审核（见上方）</Text>
      )}
      {proposing ? (
        <ProposeForm
          p={p}
          asOf={asOf}
          onDone={(text) => {
            setProposing(false);
            onDone(text);
          }}
          onClose={() => {
            setProposing(false);
          }}
        />
      ) : (
        <Button
          size="large"
          block
          className="param-card__propose"
          onClick={() => {
            setProposing(true);
          }}
        >
          提出新取值
        </Button>
      )}
    </View>
  );
}

export default function AdminParametersPage() {
  const { remote, reload } = useRemote(listParameters);
  const [notice, setNotice] = useState<string | null>(null);
  useReloadOnShow(reload);
  usePullDownRefresh(() => {
    void reload().finally(() => {
      Taro.stopPullDownRefresh();
    });
  });
  const done = (text: string) => {
    setNotice(text);
    void reload();
  };
  return (
    <View className="page param-page">
      <Text className="page-title">政策参数</Text>
      <Text className="card__line">
        补贴标准、月数和比例按生效日期取值，办件按办理当日的取值计算。新取值由一位管理员提出，另一位管理员审核通过后才生效。
      </Text>
      {notice && (
        <Text className="op-notice" data-testid="notice">
          {notice}
        </Text>
      )}
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(d) => d.items.length === 0}
        emptyTitle="暂无政策参数"
      >
        {(d) => {
          const pending = d.items.flatMap((p) => (p.proposals ?? []).map((q) => ({ p, q })));
          return (
            <View>
              <Text className="budget-section">待审核的新取值</Text>
              {pending.length === 0 ? (
                <Text className="card__line muted">暂无待审核的新取值</Text>
              ) : (
                pending.map(({ p, q }) => (
                  <ProposalRow
                    key={`${p.name}@${q.from}`}
                    p={p}
                    q={q}
                    asOf={d.asOf}
                    onDone={done}
                  />
                ))
              )}
              <Text className="budget-section">全部参数（今天 {formatDate(d.asOf)}）</Text>
              {d.items.map((p) => (
                <ParameterCard key={p.name} p={p} asOf={d.asOf} onDone={done} />
              ))}
            </View>
          );
        }}
      </RemoteState>
    </View>
  );
}
