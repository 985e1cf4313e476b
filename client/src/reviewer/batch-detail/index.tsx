/**
 * 支付批次审批 (财政局 level-2 reviewer, issue #10): the batch with its total and items, then
 * approve (note optional, confirmed with the total) or send back (reason required). The server
 * refuses a reviewer who decided any of its items (FOUR_EYES); its Chinese message shows here.
 */
import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen, type Fen } from '@shared/money';
import { ApprovePaymentBatchBody, RejectPaymentBatchBody } from '@shared/schemas/payment-batch';
import { isApiError, messageOf, newIdempotencyKey } from '../../api/client';
import {
  approvePaymentBatch,
  getPaymentBatch,
  rejectPaymentBatch,
  type PaymentBatchDetail,
} from '../../api/payment-batches';
import { BatchView } from '../../components/batch-view';
import { RemoteState } from '../../components/remote-state';
import { useRemote } from '../../hooks/useRemote';
import '../batches/index.scss';

type Kind = 'approve' | 'reject';

const FOUR_EYES_HINT = '请由未参与该批次任何事项审核的财政局复审人员审批。';

function fourEyes(e: unknown): boolean {
  return isApiError(e) && (e.details as { reason?: unknown } | undefined)?.reason === 'FOUR_EYES';
}

export function BatchDecision({
  batch,
  onDecided,
}: {
  batch: PaymentBatchDetail;
  onDecided: (b: PaymentBatchDetail) => void;
}) {
  const [kind, setKind] = useState<Kind>('approve');
  const [text, setText] = useState('');
  const [error, setError] = useState<{ message: string; fourEyes: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per (version, decision): a retried tap is one decision.
  const keys = useRef(new Map<string, string>());
  const keyFor = (intent: string) => {
    const known = keys.current.get(intent);
    if (known !== undefined) return known;
    const key = newIdempotencyKey();
    keys.current.set(intent, key);
    return key;
  };

  async function submit() {
    if (busy) return;
    const body =
      kind === 'approve'
        ? ApprovePaymentBatchBody.safeParse(text.trim() ? { note: text } : {})
        : RejectPaymentBatchBody.safeParse({ reason: text });
    if (!body.success) {
      setError({
        message: body.error.issues[0]?.message ?? '请检查填写内容',
        fourEyes: false,
      });
      return;
    }
    const total = formatFen(batch.totalFen as Fen);
    const { confirm } = await Taro.showModal({
      title: kind === 'approve' ? '批准拨付' : '退回批次',
      content:
        kind === 'approve'
          ? `批准后将拨付 ${batch.itemCount} 笔，共 ${total}。确定批准吗？`
          : `退回后这 ${batch.itemCount} 笔事项可重新生成批次。确定退回吗？`,
      confirmText: kind === 'approve' ? '确定批准' : '确定退回',
    });
    if (!confirm) return;
    setError(null);
    setBusy(true);
    const intent = `${batch.version}:${kind}:${text.trim()}`;
    try {
      const next =
        kind === 'approve'
          ? await approvePaymentBatch(batch.id, text.trim() || undefined, keyFor(intent))
          : await rejectPaymentBatch(batch.id, text.trim(), keyFor(intent));
      onDecided(next);
    } catch (e) {
      setError({ message: messageOf(e), fourEyes: fourEyes(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="batch-decision" data-testid="batch-decision">
      <Text className="batch-decision__title">审批决定</Text>
      <View className="batch-decision__kinds">
        {(['approve', 'reject'] as const).map((k) => (
          <View
            key={k}
            role="radio"
            aria-checked={kind === k}
            data-testid={`kind-${k}`}
            className={`batch-decision__kind ${kind === k ? 'batch-decision__kind--on' : ''}`}
            onClick={() => {
              setKind(k);
              setError(null);
            }}
          >
            {k === 'approve' ? '批准拨付' : '退回'}
          </View>
        ))}
      </View>
      <View className="form-field">
        <Text className="form-field__label">
          {kind === 'approve' ? '审批意见（可选）' : '退回原因（必填）'}
        </Text>
        <Textarea
          className="batch-decision__textarea"
          value={text}
          maxlength={500}
          placeholder={
            kind === 'approve' ? '例如：经核对，同意拨付' : '例如：第3笔收款账户户名与申请人不一致'
          }
          onInput={(e) => setText(e.detail.value)}
        />
      </View>
      {error && (
        <View className="form-error" role="alert" data-testid="decision-error">
          {error.message}
          {error.fourEyes && <Text className="batch-decision__hint">{FOUR_EYES_HINT}</Text>}
        </View>
      )}
      <View className="form-field">
        <Button
          type={kind === 'reject' ? 'danger' : 'primary'}
          size="xlarge"
          block
          loading={busy}
          onClick={() => void submit()}
        >
          {kind === 'approve' ? '确认批准' : '确认退回'}
        </Button>
      </View>
    </View>
  );
}

function Detail({ initial }: { initial: PaymentBatchDetail }) {
  const [batch, setBatch] = useState(initial);
  const [decided, setDecided] = useState(false);
  return (
    <View>
      <BatchView batch={batch} />
      {decided && (
        <Text className="batch-decision__done" data-testid="decided">
          {batch.status === 'approved' ? '已批准，资金将按批次拨付' : '已退回，事项可重新生成批次'}
        </Text>
      )}
      {batch.status === 'pending_approval' &&
        (batch.canDecide === false ? (
          <Text className="batch-decision__hint" data-testid="cannot-decide">
            您审核过该批次中的事项，不能审批该批次。{FOUR_EYES_HINT}
          </Text>
        ) : (
          <BatchDecision
            batch={batch}
            onDecided={(b) => {
              setBatch(b);
              setDecided(true);
            }}
          />
        ))}
    </View>
  );
}

export default function ReviewerBatchDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { remote, reload } = useRemote(() => getPaymentBatch(id), [id]);
  return (
    <View className="page">
      <RemoteState remote={remote} onRetry={() => void reload()}>
        {(batch) => <Detail key={`${batch.id}:${batch.version}`} initial={batch} />}
      </RemoteState>
    </View>
  );
}
