/**
 * What the three staff steps' pages share: the loan loaded with its decision form below, one
 * Idempotency-Key per intent (a retried tap is one decision), the server's refusal shown in its
 * own Chinese words, and after a decision the loan as it now stands.
 */
import { useRef, useState, type ReactNode } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { messageOf, newIdempotencyKey } from '../../api/client';
import { getLoan, listLoans, type LoanDetail, type LoanSummary } from '../../api/loans';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import { RemoteState } from '../remote-state';
import { LoanOverview } from '.';
import { LoanRow } from './row';
import './index.scss';

/** Runs one decision: busy while it runs, the server's message on a refusal, a fresh key after. */
export function useDecision(onDone: (l: LoanDetail) => void) {
  const key = useRef(newIdempotencyKey());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(send: (idempotencyKey: string) => Promise<LoanDetail>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const next = await send(key.current);
      key.current = newIdempotencyKey();
      onDone(next);
    } catch (e) {
      key.current = newIdempotencyKey();
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}

export function FormField({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <View className="loan-form__field">
      <Text className="loan-form__label">{label}</Text>
      {children}
      {hint && <Text className="loan-form__hint">{hint}</Text>}
      {error && <Text className="loan-form__error">{error}</Text>}
    </View>
  );
}

export function TextInput({
  value,
  onChange,
  placeholder,
  testId,
  digit,
}: {
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  testId?: string;
  digit?: boolean;
}) {
  return (
    <View data-testid={testId}>
      <Input
        className="loan-form__input"
        type={digit ? 'digit' : 'text'}
        value={value}
        placeholder={placeholder}
        onChange={(v: string) => onChange(v)}
      />
    </View>
  );
}

export function TextBox({
  value,
  onChange,
  placeholder,
  testId,
}: {
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  testId?: string;
}) {
  return (
    <View data-testid={testId}>
      <Textarea
        className="loan-form__textarea"
        value={value}
        maxlength={500}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  );
}

/** The choice of what to do (同意 / 要求反担保 / 不予…), as large buttons. */
export function Choices<K extends string>({
  value,
  options,
  onChange,
}: {
  value: K | null;
  options: readonly { key: K; label: string }[];
  onChange: (k: K) => void;
}) {
  return (
    <View className="loan-form__choices">
      {options.map((o) => (
        <Button
          key={o.key}
          size="large"
          type={value === o.key ? 'primary' : 'default'}
          onClick={() => onChange(o.key)}
        >
          {o.label}
        </Button>
      ))}
    </View>
  );
}

export function DecisionError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <View className="loan__card" role="alert" data-testid="decision-error">
      <Text className="loan-form__error">{error}</Text>
    </View>
  );
}

export function SubmitButton({
  busy,
  onClick,
  children,
}: {
  busy: boolean;
  onClick: () => void;
  children: string;
}) {
  return (
    <View className="loan-form__actions">
      <Button type="primary" size="xlarge" block loading={busy} onClick={onClick}>
        {children}
      </Button>
    </View>
  );
}

/**
 * A staff page over one loan: the decision form (given the loan and a setter for the loan as
 * the decision left it) above everything about the loan.
 */
export function StaffLoanPage({
  form,
}: {
  form: (loan: LoanDetail, setLoan: (l: LoanDetail) => void) => ReactNode;
}) {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { remote, reload } = useRemote(() => getLoan(id), [id]);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <View className="page">
      <RemoteState remote={remote} onRetry={() => void reload()}>
        {(loaded) => <StaffLoan key={loaded.id} initial={loaded} form={form} />}
      </RemoteState>
    </View>
  );
}

function StaffLoan({
  initial,
  form,
}: {
  initial: LoanDetail;
  form: (loan: LoanDetail, setLoan: (l: LoanDetail) => void) => ReactNode;
}) {
  const [loan, setLoan] = useState(initial);
  return (
    <View data-testid="staff-loan">
      <Text className="page-title">{loan.borrower?.name ?? ''} · 创业担保贷款</Text>
      {form(loan, setLoan)}
      <LoanOverview loan={loan} />
    </View>
  );
}

/** A staff queue: the step's loans (oldest first, SLA), grouped as the page asks. */
export function LoanQueuePage({
  title,
  groups,
  open,
  emptyText,
}: {
  title: string;
  groups: readonly { title: string; test: (l: LoanSummary) => boolean }[];
  open: (id: string) => string;
  emptyText: string;
}) {
  const { remote, reload } = useRemote(() => listLoans());
  useReloadOnShow(reload);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <View className="page">
      <Text className="page-title">{title}</Text>
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(p) => p.items.length === 0}
        emptyTitle={emptyText}
        emptyDescription="新的事项会按时间先后出现在这里"
      >
        {(page) => (
          <View>
            {groups.map((g) => {
              const items = page.items.filter(g.test);
              return (
                <View key={g.title} data-testid="loan-group">
                  <Text className="loan__subheading">
                    {g.title}（{String(items.length)}）
                  </Text>
                  {items.length === 0 && <Text className="loan__line muted">暂无</Text>}
                  {items.map((l) => (
                    <LoanRow
                      key={l.id}
                      loan={l}
                      onOpen={() => void Taro.navigateTo({ url: open(l.id) })}
                    />
                  ))}
                </View>
              );
            })}
          </View>
        )}
      </RemoteState>
    </View>
  );
}
