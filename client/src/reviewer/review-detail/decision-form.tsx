/**
 * 审核决定: approve (amount within the entitlement — the rules' amount, never above the
 * policy's cap — and a 核减理由 when lowered), reject (reason required) or return
 * for 补正 (what to fix). Checked with the shared DecisionBody before sending; the
 * Idempotency-Key belongs to the application version being decided, so a retried tap is
 * one decision and a decision on a newer version is a new intent.
 */
import { useRef, useState } from 'react';
import { View, Text, Textarea } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { DecisionBody } from '@shared/schemas/review';
import { fen, formatFen } from '@shared/money';
import { fenInWords } from '@shared/money-words';
import type { ApplicationDetail } from '../../api/applications';
import { messageOf, newIdempotencyKey } from '../../api/client';
import { decide } from '../../api/review';
import { parseYuanInput } from '../../format';

type Kind = 'approve' | 'reject' | 'return';
const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'approve', label: '通过' },
  { kind: 'return', label: '退回补正' },
  { kind: 'reject', label: '不通过' },
];

/** fen → "5000.00" for the amount input (the input is in yuan). */
const yuanText = (f: number) => `${Math.floor(f / 100)}.${String(f % 100).padStart(2, '0')}`;

export function DecisionForm({
  app,
  onDecided,
}: {
  app: ApplicationDetail;
  onDecided: (a: ApplicationDetail) => void;
}) {
  // The entitlement bounds every approval; applications made before it existed are bounded by the cap.
  const limit = app.entitlementFen ?? app.capFen;
  const limitLabel =
    app.entitlementFen !== undefined && app.entitlementFen < app.capFen ? '应享金额' : '政策上限';
  const suggested = Math.min(
    app.status === 'review_l2' && app.recommendedFen !== undefined
      ? app.recommendedFen
      : (app.requestedFen ?? limit),
    limit,
  );
  // nothing preselected: one tap must never approve (issue #17)
  const [kind, setKind] = useState<Kind | null>(null);
  // an approval is sent only after the amount was read back in words and confirmed
  const [confirming, setConfirming] = useState<DecisionBody | null>(null);
  const [amount, setAmount] = useState(yuanText(suggested));
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const parsedAmount = parseYuanInput(amount);
  // Lowering below the suggested amount needs a reason the applicant sees in the timeline.
  const lowered =
    app.entitlementFen !== undefined &&
    parsedAmount !== undefined &&
    parsedAmount > 0 &&
    parsedAmount < suggested;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keys = useRef(new Map<string, string>());
  const keyFor = (intent: string) => {
    const known = keys.current.get(intent);
    if (known !== undefined) return known;
    const key = newIdempotencyKey();
    keys.current.set(intent, key);
    return key;
  };

  function body(): DecisionBody | string {
    if (kind === null) return '请先选择审核结果：通过、退回补正或不通过';
    if (kind === 'approve') {
      const amountFen = parseYuanInput(amount);
      if (amountFen === undefined || amountFen === 0) return '请输入正确的核定金额';
      if (amountFen > limit) return `核定金额不能超过${limitLabel} ${formatFen(limit)}`;
      if (lowered)
        return reason.trim()
          ? { kind, amountFen, reason: reason.trim() }
          : '核定金额低于应享金额，请填写核减理由';
      return { kind, amountFen };
    }
    return kind === 'reject' ? { kind, reason: text } : { kind, note: text };
  }

  async function submit(confirmed = false) {
    const b = body();
    if (typeof b === 'string') {
      setError(b);
      return;
    }
    const parsed = DecisionBody.safeParse(b);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请检查填写内容');
      return;
    }
    setError(null);
    if (b.kind === 'approve' && !confirmed) {
      setConfirming(b);
      return;
    }
    setConfirming(null);
    setBusy(true);
    try {
      onDecided(await decide(app.id, b, keyFor(`${app.version}:${JSON.stringify(b)}`)));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="review__card" data-testid="decision-form">
      <Text className="review__heading">审核决定</Text>
      <View className="review__kinds">
        {KINDS.map((k) => (
          <View
            key={k.kind}
            role="radio"
            aria-checked={kind === k.kind}
            data-testid={`kind-${k.kind}`}
            className={`review__kind ${kind === k.kind ? 'review__kind--on' : ''}`}
            onClick={() => {
              setKind(k.kind);
              setError(null);
              setConfirming(null);
            }}
          >
            {k.label}
          </View>
        ))}
      </View>
      {kind === null ? (
        <Text className="review__line muted">请选择审核结果</Text>
      ) : kind === 'approve' ? (
        <>
          <View className="form-field">
            <Text className="form-field__label">
              核定金额（元），{limitLabel} {formatFen(limit)}
            </Text>
            <Input
              className="form-field__input"
              type="digit"
              value={amount}
              onChange={(v: string) => {
                setAmount(v);
                setConfirming(null);
              }}
            />
            {parsedAmount !== undefined && parsedAmount > 0 && (
              <Text className="review__line review__words" data-testid="amount-words">
                大写：{fenInWords(fen(parsedAmount))}
              </Text>
            )}
          </View>
          {lowered && (
            <View className="form-field">
              <Text className="form-field__label">核减理由（申请人可见）</Text>
              <Textarea
                className="review__textarea"
                value={reason}
                maxlength={500}
                placeholder="例如：花名册中1人社保缴费不满6个月"
                onInput={(e) => setReason(e.detail.value)}
              />
            </View>
          )}
        </>
      ) : (
        <View className="form-field">
          <Text className="form-field__label">
            {kind === 'reject' ? '不通过理由（申请人可见）' : '需要补正的内容（申请人可见）'}
          </Text>
          <Textarea
            className="review__textarea"
            value={text}
            maxlength={500}
            placeholder={
              kind === 'reject'
                ? '例如：不符合政策第二条规定的条件'
                : '例如：营业执照照片不清晰，请重新上传'
            }
            onInput={(e) => setText(e.detail.value)}
          />
        </View>
      )}
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      {confirming?.kind === 'approve' ? (
        <View
          className="review__confirm"
          data-testid="approve-confirm"
          role="alertdialog"
          aria-label="请核对核定金额"
        >
          <Text className="review__heading">请核对核定金额</Text>
          <Text className="review__line">申请人：{app.applicant?.name ?? '—'}</Text>
          <Text className="review__line">
            金额：<Text className="money">{formatFen(fen(confirming.amountFen))}</Text>
          </Text>
          <Text className="review__line review__words-big" data-testid="confirm-words">
            人民币{fenInWords(fen(confirming.amountFen))}
          </Text>
          <View className="review__confirm-actions">
            <Button size="xlarge" block onClick={() => setConfirming(null)}>
              返回修改
            </Button>
            <Button
              type="primary"
              size="xlarge"
              block
              loading={busy}
              data-testid="approve-confirmed"
              onClick={() => void submit(true)}
            >
              金额无误，确认通过
            </Button>
          </View>
        </View>
      ) : (
        <View className="form-field">
          <Button
            type={kind === 'reject' ? 'danger' : 'primary'}
            size="xlarge"
            block
            disabled={kind === null}
            loading={busy}
            data-testid="decision-submit"
            onClick={() => void submit()}
          >
            {kind === null
              ? '请选择审核结果'
              : `确认${KINDS.find((k) => k.kind === kind)?.label ?? ''}`}
          </Button>
        </View>
      )}
    </View>
  );
}
