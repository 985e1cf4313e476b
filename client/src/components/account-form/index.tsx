/**
 * 收款账户: the account the money is paid to, chosen or typed when applying (and later on
 * the application's page). With an account on file the person may simply confirm it;
 * otherwise (or by choice) 户名, 开户行, 账号 are typed and checked here with the same
 * shared/payee rules the server applies, each error under its own field.
 */
import { View, Text } from '@tarojs/components';
import { Input } from '@nutui/nutui-react-taro';
import {
  normaliseAccountNumber,
  payeeProblems,
  type PayeeField,
  type PayeeSubject,
} from '@shared/payee';
import type { AccountChoice } from '@shared/schemas/application';
import './index.scss';

export interface AccountDraft {
  source: 'profile' | 'new';
  accountName: string;
  bankName: string;
  accountNumber: string;
  /** the number typed a second time (issue #17: a money-critical field is entered twice) */
  accountNumberRepeat?: string;
}

/** The account on file as /v1/me shows it: masked. */
export interface OnFileAccount {
  accountMasked: string;
  bankName: string;
}

export type AccountErrors = Partial<Record<PayeeField | 'accountNumberRepeat', string>>;

/** `6228 4801 2345 6789` → `****6789`: how the typed number is read back before sending. */
export function maskTyped(accountNumber: string): string {
  const digits = normaliseAccountNumber(accountNumber);
  return digits.length >= 4 ? `****${digits.slice(-4)}` : '';
}

/** The starting point: confirm the account on file if there is one, else type one under the subject's name. */
export function initialAccount(
  subject: PayeeSubject,
  onFile: OnFileAccount | undefined,
  saved?: AccountDraft,
): AccountDraft {
  const base: AccountDraft = saved ?? {
    source: onFile ? 'profile' : 'new',
    accountName: subject.name,
    bankName: '',
    accountNumber: '',
  };
  return base.source === 'profile' && !onFile ? { ...base, source: 'new' } : base;
}

/** The request's `account`, or the errors to show under each field. */
export function checkAccount(
  value: AccountDraft,
  subject: PayeeSubject,
  onFile: OnFileAccount | undefined,
): { ok: true; account: AccountChoice } | { ok: false; errors: AccountErrors } {
  if (value.source === 'profile' && onFile) return { ok: true, account: { source: 'profile' } };
  const problems = payeeProblems(value, subject);
  const errors: AccountErrors = {};
  for (const p of problems) errors[p.field] ??= p.message;
  if (
    normaliseAccountNumber(value.accountNumberRepeat ?? '') !==
    normaliseAccountNumber(value.accountNumber)
  )
    errors.accountNumberRepeat = value.accountNumberRepeat
      ? '两次输入的账号不一致，请核对'
      : '请再次输入账号';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    account: {
      source: 'new',
      accountName: value.accountName.trim(),
      bankName: value.bankName.trim(),
      accountNumber: normaliseAccountNumber(value.accountNumber),
    },
  };
}

/** Server refusals name the field (details.field): shown under it like the form's own. */
export function accountErrorOf(details: unknown, message: string): AccountErrors | undefined {
  const field = (details as { field?: string } | undefined)?.field;
  return field === 'accountName' || field === 'bankName' || field === 'accountNumber'
    ? { [field]: message }
    : undefined;
}

function Choice({
  testId,
  checked,
  title,
  onSelect,
}: {
  testId: string;
  checked: boolean;
  title: string;
  onSelect: () => void;
}) {
  return (
    <View
      className={`account__choice ${checked ? 'account__choice--on' : ''}`}
      role="radio"
      aria-checked={checked}
      data-testid={testId}
      onClick={onSelect}
    >
      <Text className="account__dot">{checked ? '●' : ''}</Text>
      <Text className="account__choice-text">{title}</Text>
    </View>
  );
}

interface Props {
  subject: PayeeSubject;
  onFile?: OnFileAccount;
  value: AccountDraft;
  onChange: (v: AccountDraft) => void;
  errors: AccountErrors;
}

export function AccountFields({ subject, onFile, value, onChange, errors }: Props) {
  const typing = !(value.source === 'profile' && onFile);
  const person = subject.kind === 'person';
  const set = (patch: Partial<AccountDraft>) => onChange({ ...value, ...patch });
  const fields: {
    key: PayeeField | 'accountNumberRepeat';
    label: string;
    placeholder: string;
    hint?: string;
    type: 'text' | 'number';
  }[] = [
    {
      key: 'accountName',
      label: '户名',
      placeholder: subject.name,
      hint: `须与${person ? '身份证上的姓名' : '营业执照登记的名称'}一致`,
      type: 'text',
    },
    { key: 'bankName', label: '开户行', placeholder: '例如 中国农业银行高台县支行', type: 'text' },
    {
      key: 'accountNumber',
      label: person ? '银行卡号' : '对公账号',
      placeholder: person ? '本人银行卡或社保卡卡号，16–19位' : '8–30位数字',
      type: 'number',
    },
    {
      key: 'accountNumberRepeat',
      label: `再次输入${person ? '银行卡号' : '对公账号'}`,
      placeholder: '请再输入一遍，核对无误',
      type: 'number',
    },
  ];
  const masked = maskTyped(value.accountNumber);
  const same =
    masked !== '' &&
    normaliseAccountNumber(value.accountNumberRepeat ?? '') ===
      normaliseAccountNumber(value.accountNumber);
  return (
    <View className="account" data-testid="account-step">
      {onFile ? (
        <View role="radiogroup">
          <Choice
            testId="account-profile"
            checked={!typing}
            title={`使用已登记账户（${onFile.accountMasked} ${onFile.bankName}）`}
            onSelect={() => set({ source: 'profile' })}
          />
          <Choice
            testId="account-new"
            checked={typing}
            title="填写新的收款账户"
            onSelect={() => set({ source: 'new' })}
          />
        </View>
      ) : (
        <Text className="account__line">
          您还没有登记收款账户，请填写用于接收资金的{person ? '本人银行卡' : '单位对公账户'}。
        </Text>
      )}
      {typing && (
        <View data-testid="account-new-form">
          {fields.map((f) => (
            <View key={f.key} className="account__field" data-testid={`account-${f.key}`}>
              <Text className="account__label">{f.label}</Text>
              <Input
                className={`account__input ${errors[f.key] ? 'account__input--error' : ''}`}
                type={f.type}
                placeholder={f.placeholder}
                value={value[f.key] ?? ''}
                onChange={(v: string) => set({ [f.key]: v })}
              />
              {errors[f.key] ? (
                <Text className="account__error">{errors[f.key]}</Text>
              ) : (
                f.hint && <Text className="account__hint">{f.hint}</Text>
              )}
            </View>
          ))}
          {same && (
            <View className="account__readback" data-testid="account-readback" role="status">
              <Text className="account__readback-title">请核对收款账户</Text>
              <Text className="account__line">
                户名：{value.accountName.trim() || subject.name}
              </Text>
              <Text className="account__line">开户行：{value.bankName.trim() || '（未填写）'}</Text>
              <Text className="account__line">
                账号：{masked}（尾号 {masked.slice(-4)}）
              </Text>
            </View>
          )}
          <Text className="account__hint">
            确认后收款账户将登记为您的常用账户，今后可直接选用；资金拨付前仍可更改。
          </Text>
        </View>
      )}
    </View>
  );
}
