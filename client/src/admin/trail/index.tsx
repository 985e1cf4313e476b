/**
 * 审计追溯 (issue 14): one item's whole chain as a timeline — from a payment, a 免申即享 grant or
 * an application back to the decisions, the policy version and its explanation, the facts and
 * their hash, the budget movements and the treasury's answers. Amounts in yuan. Auditors and
 * admins; opened with `?kind=&id=` or by typing the number.
 */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatFen, type Fen } from '@shared/money';
import { getTrail, type AuditTrail, type TrailKind, type TrailStep } from '../../api/audit';
import { RemoteState } from '../../components/remote-state';
import { formatDateTime } from '../../format';
import { useRemote } from '../../hooks/useRemote';
import { Segmented } from '../reason-form';
import '../admin.scss';
import './index.scss';

const KINDS: { key: TrailKind; title: string }[] = [
  { key: 'payment', title: '支付编号' },
  { key: 'grant', title: '免申即享' },
  { key: 'application', title: '申请' },
];
const MOVEMENT_LABEL = {
  reserved: '预留预算',
  spent: '预算支出',
  released: '释放预算',
  refunded: '追回退回预算',
} as const;

const yuan = (fen?: number) => (fen === undefined ? '' : formatFen(fen as Fen));

type Row = { at: string; title: string; meta: string; tone?: 'decision' | 'money' };

/** Every step of the item, its payments and recoveries, and the budget movements, in time order. */
function rowsOf(t: AuditTrail): Row[] {
  const decision = new Set(t.decisions.map((d) => `${d.at}|${d.type}`));
  const step = (s: TrailStep, prefix = ''): Row => ({
    at: s.at,
    title:
      prefix +
      s.label +
      (s.amountFen !== undefined && !s.label.includes('¥') ? ` ${yuan(s.amountFen)}` : '') +
      (s.reason && !s.label.includes(s.reason) ? `（${s.reason}）` : ''),
    meta: s.by ? `${s.by.label}${s.by.userId ? ` · ${s.by.userId}` : ''}` : '国库 / 支付系统',
    ...(decision.has(`${s.at}|${s.type}`) ? { tone: 'decision' as const } : {}),
  });
  const rows: Row[] = [
    ...t.timeline.map((s) => step(s)),
    ...t.payments.flatMap((p) =>
      p.events.map((e) => ({
        ...step(e, `支付第${String(p.attempt)}次 · `),
        tone: 'money' as const,
      })),
    ),
    ...t.recoveries.flatMap((r) => r.events.map((e) => step(e, '追回 · '))),
    ...t.budget.map((b) => ({
      at: b.at,
      title: `${MOVEMENT_LABEL[b.movement]} ${yuan(b.amountFen)}（${String(b.fiscalYear)}年度预算）`,
      meta: '预算台账',
      tone: 'money' as const,
    })),
  ];
  return rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function Trail({ t }: { t: AuditTrail }) {
  return (
    <View data-testid="audit-trail">
      <View className="card">
        <View className="card__head">
          <Text className="card__title">{t.policy.title}</Text>
          <Text className="money">{yuan(t.item.amountFen)}</Text>
        </View>
        <Text className="card__line">
          {t.item.subjectName} · {t.item.statusLabel}
        </Text>
        <Text className="card__line muted">
          事项 {t.item.id} · 政策版本 v{t.policy.version}
          {t.item.accountMasked ? ` · 收款账户 ${t.item.accountMasked}` : ''}
        </Text>
      </View>
      <View className="card">
        <Text className="card__title">办理全过程</Text>
        <View className="timeline" data-testid="trail-timeline">
          {rowsOf(t).map((r, i, all) => (
            <View
              key={`${r.at}-${String(i)}`}
              className={`timeline__step ${i === all.length - 1 ? 'timeline__step--last' : ''} trail-step--${r.tone ?? 'plain'}`}
              data-testid="trail-step"
            >
              <View className="timeline__dot" />
              <View className="timeline__body">
                <Text className="timeline__text">{r.title}</Text>
                <Text className="timeline__meta">
                  {formatDateTime(r.at)} · {r.meta}
                </Text>
              </View>
            </View>
          ))}
        </View>
      </View>
      {t.explanation && (
        <View className="card" data-testid="trail-explanation">
          <Text className="card__title">
            规则判定（截至 {t.explanation.asOf}）：{t.explanation.eligible ? '符合' : '不符合'}，
            金额 {yuan(t.explanation.amountFen)}
          </Text>
          {t.explanation.conditions.map((c) => (
            <Text key={c.id} className="card__line">
              {c.passed ? '✓' : '✗'} {c.label}
              {c.detail ? `：${c.detail}` : ''}
            </Text>
          ))}
        </View>
      )}
      <View className="card" data-testid="trail-facts">
        <Text className="card__title">
          依据数据（{t.facts.frozen ? '办理时冻结' : '当前记录，尚未冻结'}）
        </Text>
        <Text className="card__line muted trail-hash">摘要 SHA-256：{t.facts.hash}</Text>
        {t.facts.records.map((r, i) => (
          <Text key={`${r.source}-${String(i)}`} className="card__line">
            {r.source} · {JSON.stringify(r.period)}
          </Text>
        ))}
      </View>
      {t.payments.map((p) => (
        <View key={p.id} className="card" data-testid="trail-payment">
          <Text className="card__title">
            支付第{p.attempt}次 · {p.statusLabel} · {yuan(p.amountFen)}
          </Text>
          <Text className="card__line muted">幂等键 {p.idempotencyKey}</Text>
          {p.treasuryRef && <Text className="card__line muted">国库流水号 {p.treasuryRef}</Text>}
        </View>
      ))}
    </View>
  );
}

export default function TrailPage() {
  const { params } = useRouter<{ kind?: TrailKind; id?: string }>();
  const [kind, setKind] = useState<TrailKind>(params.kind ?? 'payment');
  const [id, setId] = useState(params.id ?? '');
  const [asked, setAsked] = useState<{ kind: TrailKind; id: string } | undefined>(
    params.id ? { kind: params.kind ?? 'payment', id: params.id } : undefined,
  );
  const { remote, reload } = useRemote(
    () => (asked ? getTrail(asked.kind, asked.id) : Promise.resolve(undefined)),
    [asked?.kind, asked?.id],
  );
  return (
    <View className="page">
      <Text className="page-title">审计追溯</Text>
      <Segmented options={KINDS} value={kind} onChange={setKind} testId="trail-kind" />
      <View className="form-field">
        <Text className="form-field__label">编号</Text>
        <Input
          className="form-field__input"
          placeholder="例如 pay_… / grt_… / app_…"
          value={id}
          onChange={(v: string) => setId(v.trim())}
        />
      </View>
      <View className="form-field">
        <Button
          type="primary"
          size="large"
          block
          disabled={id === ''}
          onClick={() => setAsked({ kind, id })}
        >
          查看全过程
        </Button>
      </View>
      <RemoteState remote={remote} onRetry={() => void reload()}>
        {(t) => (t ? <Trail t={t} /> : <View />)}
      </RemoteState>
    </View>
  );
}
