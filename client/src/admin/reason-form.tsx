/**
 * The operator's reason form (hold, release, cancel, 追回 …): the reason is required and checked
 * with the shared schema before anything is sent; a destructive command asks once more in a
 * modal. The server's refusal (wrong state, four eyes …) shows in Chinese under the form.
 */
import { useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PayableReasonBody } from '@shared/schemas/payable';
import { messageOf } from '../api/client';

export interface ReasonFormProps {
  title: string;
  label: string;
  placeholder: string;
  confirmText: string;
  danger?: boolean;
  /** When set, a modal asks this before sending (cancel, write-off). */
  confirm?: string;
  /** Fields above the reason (e.g. the account); return a message to refuse before sending. */
  extra?: ReactNode;
  check?: () => string | undefined;
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}

export function ReasonForm({
  title,
  label,
  placeholder,
  confirmText,
  danger,
  confirm,
  extra,
  check,
  onSubmit,
  onClose,
}: ReasonFormProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (busy) return;
    const refused = check?.();
    if (refused) {
      setError(refused);
      return;
    }
    const parsed = PayableReasonBody.safeParse({ reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写原因');
      return;
    }
    if (confirm) {
      const { confirm: ok } = await Taro.showModal({
        title,
        content: confirm,
        confirmText,
        confirmColor: danger ? '#c8161d' : undefined,
      });
      if (!ok) return;
    }
    setError(null);
    setBusy(true);
    try {
      await onSubmit(parsed.data.reason);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="op-form" data-testid="reason-form">
      <Text className="op-form__title">{title}</Text>
      {extra}
      <View className="form-field">
        <Text className="form-field__label">{label}</Text>
        <Textarea
          className="op-form__textarea"
          value={reason}
          maxlength={500}
          placeholder={placeholder}
          onInput={(e) => setReason(e.detail.value)}
        />
      </View>
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      <View className="op-form__actions">
        <Button size="large" onClick={onClose}>
          返回
        </Button>
        <Button
          type={danger ? 'danger' : 'primary'}
          size="large"
          loading={busy}
          onClick={() => void submit()}
        >
          {confirmText}
        </Button>
      </View>
    </View>
  );
}

/** Tabs as big buttons that wrap: at a large font they stay readable where a tab strip would scroll. */
export function Segmented<K extends string>({
  options,
  value,
  onChange,
  testId,
}: {
  options: readonly { key: K; title: string }[];
  value: K;
  onChange: (k: K) => void;
  testId?: string;
}) {
  return (
    <View className="segmented segmented--wrap" data-testid={testId}>
      {options.map((o) => (
        <View
          key={o.key}
          role="tab"
          aria-selected={value === o.key}
          className={`segmented__item ${value === o.key ? 'segmented__item--on' : ''}`}
          onClick={() => onChange(o.key)}
        >
          {o.title}
        </View>
      ))}
    </View>
  );
}
