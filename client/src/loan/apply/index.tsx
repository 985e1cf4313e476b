/**
 * 申请创业担保贷款 (issue 13): amount in yuan within the policy's ceiling (¥200,000, shown and
 * checked; the server's 422 is shown as it words it), term, purpose, business and trade, the
 * materials (容缺 as for subsidies), the repayment account, and the key-group verdict the rules
 * engine gave on the government's data, with each condition. One tap = one application: the
 * form's Idempotency-Key is made once and reused by every retry.
 */
import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@shared/money';
import { LOAN_INDUSTRIES, LOAN_INDUSTRY_LABELS } from '@shared/loan-terms';
import { getMe, type Me } from '../../api/auth';
import { isApiError, messageOf, newIdempotencyKey } from '../../api/client';
import { applyForLoan } from '../../api/loans';
import { getPolicy, listMatches, type Match, type PolicyDetail } from '../../api/policies';
import {
  AccountFields,
  accountErrorOf,
  initialAccount,
  type AccountDraft,
} from '../../components/account-form';
import { Conditions } from '../../components/conditions';
import { RemoteState } from '../../components/remote-state';
import { useRemote } from '../../hooks/useRemote';
import { routes } from '../../routes';
import { pickFile, uploadMaterial } from '../../upload/material-file';
import { ensurePrivacyAuthorized, requestStatusNotifications } from '../../wechat';
import { validateLoan, type LoanDraft, type LoanFormErrors } from './validate';
import '../../components/loan/index.scss';

const POLICY_ID = 'startup-loan';
const TERMS = [12, 24, 36];

interface Loaded {
  policy: PolicyDetail;
  match?: Match;
  me: Me;
}

function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
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

function LoanForm({ loaded }: { loaded: Loaded }) {
  const { policy, match, me } = loaded;
  const subject = {
    kind: me.subject?.kind ?? 'person',
    name: me.subject?.name ?? me.name,
  } as const;
  const [draft, setDraft] = useState<LoanDraft>(() => ({
    amountYuan: '',
    termMonths: 24,
    purpose: '',
    businessName: '',
    industry: '',
    materials: {},
    account: initialAccount(subject, me.account),
    pledged: false,
  }));
  const key = useRef(newIdempotencyKey());
  const [errors, setErrors] = useState<LoanFormErrors>({});
  const [uploading, setUploading] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<{ message: string; loanId?: string } | null>(null);
  const update = (patch: Partial<LoanDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) =>
      Object.fromEntries(Object.entries(e).filter(([k]) => !Object.keys(patch).includes(k))),
    );
  };

  async function upload(materialId: string) {
    if (uploading || !(await ensurePrivacyAuthorized())) return;
    const file = await pickFile();
    if (!file) return;
    setUploading(materialId);
    setErrors((e) => ({ ...e, [`material.${materialId}`]: undefined }));
    try {
      const up = await uploadMaterial(materialId, file);
      setDraft((d) => ({
        ...d,
        materials: {
          ...d.materials,
          [materialId]: { uploadId: up.uploadId, fileName: up.fileName },
        },
      }));
    } catch (e) {
      setErrors((er) => ({ ...er, [`material.${materialId}`]: messageOf(e) }));
    } finally {
      setUploading(null);
    }
  }

  async function submit() {
    if (submitting) return;
    const v = validateLoan(
      draft,
      { capFen: policy.capFen, maxTermMonths: 36, materials: policy.materials },
      { subject, onFile: me.account },
    );
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    setSubmitError(null);
    setSubmitting(true);
    void requestStatusNotifications();
    try {
      const loan = await applyForLoan(v.body, key.current);
      void Taro.redirectTo({ url: routes.loanDetail(loan.id) });
    } catch (e) {
      const onField = isApiError(e) ? accountErrorOf(e.details, messageOf(e)) : undefined;
      if (onField) {
        setErrors(Object.fromEntries(Object.entries(onField).map(([k, m]) => [`account.${k}`, m])));
        return;
      }
      const details = isApiError(e)
        ? (e.details as { loanId?: string; reason?: string } | undefined)
        : undefined;
      // a refusal is final for this intent: the next tap is a new attempt with a new key
      key.current = newIdempotencyKey();
      setSubmitError({ message: messageOf(e), loanId: details?.loanId });
    } finally {
      setSubmitting(false);
    }
  }

  const verdict = match?.explanation;
  const existing = submitError?.loanId;
  return (
    <View>
      <Text className="page-title">{policy.title}</Text>
      <View className="loan__card">
        <Text className="loan__heading">额度与条件</Text>
        <Text className="loan__line">
          个人最高可贷 <Text className="money">{formatFen(policy.capFen)}</Text>
        </Text>
        <Text className="loan__line muted">
          经人社局资格审核、县担保公司担保、合作银行审批后放款，财政按季度贴息。
        </Text>
        {verdict && (
          <View className="loan__sub" data-testid="loan-verdict">
            <Text className="loan__subheading">
              {verdict.eligible
                ? '根据政府部门数据，您属于重点群体，可以申请'
                : '根据政府部门数据，您暂不符合申请条件'}
            </Text>
            <Conditions conditions={verdict.conditions} />
          </View>
        )}
      </View>

      <View className="loan__card">
        <Text className="loan__heading">贷款信息</Text>
        <Field
          label="贷款金额（元）"
          error={errors.amountYuan}
          hint={`不超过 ${formatFen(policy.capFen)}`}
        >
          <View data-testid="loan-amount">
            <Input
              className="loan-form__input"
              type="digit"
              placeholder="例如 200000"
              value={draft.amountYuan}
              onChange={(v: string) => update({ amountYuan: v })}
            />
          </View>
        </Field>
        <Field label="贷款期限" error={errors.termMonths}>
          <View className="loan-form__choices">
            {TERMS.map((t) => (
              <Button
                key={t}
                size="large"
                type={draft.termMonths === t ? 'primary' : 'default'}
                onClick={() => update({ termMonths: t })}
              >
                {`${String(t / 12)} 年`}
              </Button>
            ))}
          </View>
        </Field>
        <Field label="贷款用途" error={errors.purpose}>
          <View data-testid="loan-purpose">
            <Textarea
              className="loan-form__textarea"
              placeholder="例如 购置设备、支付场地租金"
              value={draft.purpose}
              maxlength={200}
              onInput={(e) => update({ purpose: e.detail.value })}
            />
          </View>
        </Field>
        <Field label="经营项目名称" error={errors.businessName}>
          <View data-testid="loan-business">
            <Input
              className="loan-form__input"
              placeholder="例如 便民小吃店"
              value={draft.businessName}
              onChange={(v: string) => update({ businessName: v })}
            />
          </View>
        </Field>
        <Field
          label="所属行业"
          error={errors.industry}
          hint="生活服务保障、疫情防控相关企业享受更低的担保费率"
        >
          <View className="loan-form__choices" data-testid="loan-industry">
            {LOAN_INDUSTRIES.map((i) => (
              <Button
                key={i}
                size="large"
                type={draft.industry === i ? 'primary' : 'default'}
                onClick={() => update({ industry: i })}
              >
                {LOAN_INDUSTRY_LABELS[i]}
              </Button>
            ))}
          </View>
        </Field>
      </View>

      <View className="loan__card">
        <Text className="loan__heading">申请材料</Text>
        {policy.materials.map((m) => {
          const got = draft.materials[m.id];
          const error = errors[`material.${m.id}`];
          return (
            <View key={m.id} className="loan__sub" data-testid={`material-${m.id}`}>
              <View className="loan__row">
                <Text className="loan__label">{m.name}</Text>
                {m.optional ? <Tag type="warning">可容缺</Tag> : <Tag type="danger">必交</Tag>}
              </View>
              <Text className={`loan__line ${got ? 'loan__ok' : 'muted'}`}>
                {got
                  ? `已上传：${got.fileName}`
                  : m.optional
                    ? '未上传（可先受理，审核前补交）'
                    : '未上传'}
              </Text>
              {error && <Text className="loan-form__error">{error}</Text>}
              <Button
                size="large"
                loading={uploading === m.id}
                disabled={Boolean(uploading)}
                onClick={() => void upload(m.id)}
              >
                {got ? '重新上传' : '上传文件'}
              </Button>
            </View>
          );
        })}
      </View>

      <View className="loan__card">
        <Text className="loan__heading">还款账户</Text>
        <AccountFields
          subject={subject}
          onFile={me.account}
          value={draft.account}
          onChange={(a: AccountDraft) => update({ account: a })}
          errors={{
            accountName: errors['account.accountName'],
            bankName: errors['account.bankName'],
            accountNumber: errors['account.accountNumber'],
          }}
        />
      </View>

      <View
        className={`loan-pledge ${draft.pledged ? 'loan-pledge--on' : ''}`}
        role="checkbox"
        aria-checked={draft.pledged}
        data-testid="pledge"
        onClick={() => update({ pledged: !draft.pledged })}
      >
        <Text className="loan-pledge__box">{draft.pledged ? '✓' : ''}</Text>
        <Text className="loan-pledge__text">
          本人承诺所提交的信息和材料真实有效，贷款按合同用途使用并按期还款
        </Text>
      </View>
      {errors.pledged && <Text className="loan-form__error">{errors.pledged}</Text>}

      {submitError && (
        <View className="loan__card" role="alert" data-testid="loan-submit-error">
          <Text className="loan-form__error">{submitError.message}</Text>
          {existing && (
            <Button
              size="large"
              onClick={() => void Taro.redirectTo({ url: routes.loanDetail(existing) })}
            >
              查看已有贷款
            </Button>
          )}
        </View>
      )}
      <View className="loan-form__actions">
        <Button
          type="primary"
          size="xlarge"
          block
          loading={submitting}
          onClick={() => void submit()}
        >
          提交贷款申请
        </Button>
      </View>
    </View>
  );
}

export default function LoanApplyPage() {
  const { remote, reload } = useRemote<Loaded>(async () => {
    const [policy, matches, me] = await Promise.all([getPolicy(POLICY_ID), listMatches(), getMe()]);
    return { policy, match: matches.items.find((m) => m.policyId === POLICY_ID), me };
  });
  return (
    <View className="page">
      <RemoteState remote={remote} onRetry={() => void reload()}>
        {(loaded) => <LoanForm loaded={loaded} />}
      </RemoteState>
    </View>
  );
}
