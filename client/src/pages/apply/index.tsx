/**
 * 在线申请. Prefilled from what the platform knows (the subject, the amount the rules
 * computed); materials upload straight to storage; 容缺 lets an optional material follow
 * later (the deadline shows after submitting); the receiving account is confirmed (the one
 * on file) or typed and checked with shared/payee. Every change autosaves to a draft that
 * survives the app being killed (except the account number), and the draft's
 * Idempotency-Key makes retries safe.
 */
import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input, Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@shared/money';
import { getMe, type Me } from '../../api/auth';
import { submitApplication, type ApplicationDetail } from '../../api/applications';
import { getSession, isApiError, messageOf } from '../../api/client';
import { getPolicy, listMatches, type Match, type PolicyDetail } from '../../api/policies';
import { RemoteState } from '../../components/remote-state';
import { formatDate } from '../../format';
import { useRemote } from '../../hooks/useRemote';
import { APPLICATION_STATUS_LABEL } from '../../labels';
import { routes } from '../../routes';
import { pickFile, uploadMaterial } from '../../upload/material-file';
import { ensurePrivacyAuthorized, requestStatusNotifications } from '../../wechat';
import { clearDraft, loadDraft, newDraft, saveDraft, type ApplyDraft } from './draft';
import {
  AccountFields,
  accountErrorOf,
  initialAccount,
  type AccountDraft,
} from '../../components/account-form';
import { validateApplication, type Applicant, type FormErrors } from './validate';
import './index.scss';

interface Loaded {
  policy: PolicyDetail;
  match?: Match;
  me: Me;
}

function Submitted({ app }: { app: ApplicationDetail }) {
  const missing = app.materials.filter((m) => !m.provided);
  return (
    <View className="apply__done" data-testid="apply-done">
      <Text className="apply__done-mark">✓</Text>
      <Text className="page-title">申请已提交</Text>
      <Text className="apply__line">当前状态：{APPLICATION_STATUS_LABEL[app.status]}</Text>
      {app.account && (
        <Text className="apply__line" data-testid="apply-done-account">
          收款账户：{app.account.bankName} {app.account.accountMasked}
        </Text>
      )}
      {app.status === 'pending_supplement' && (
        <View className="apply__notice apply__notice--warn">
          <Text className="apply__line">
            容缺受理：请在 {formatDate(app.supplementDueAt)} 前补交以下材料，逾期将不予受理：
          </Text>
          {missing.map((m) => (
            <Text key={m.materialId} className="apply__line">
              · {m.name}
            </Text>
          ))}
        </View>
      )}
      <Button
        type="primary"
        size="xlarge"
        block
        onClick={() => void Taro.redirectTo({ url: routes.applicationDetail(app.id) })}
      >
        查看办理进度
      </Button>
    </View>
  );
}

function ApplyForm({ loaded, userId }: { loaded: Loaded; userId: string }) {
  const { policy, match, me } = loaded;
  const [draft, setDraft] = useState<ApplyDraft>(
    () => loadDraft(userId, policy.id) ?? newDraft(policy.id),
  );
  const restored = useRef(loadDraft(userId, policy.id) !== undefined);
  const [errors, setErrors] = useState<FormErrors>({});
  const [uploading, setUploading] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<{ message: string; existingId?: string } | null>(
    null,
  );
  const [done, setDone] = useState<ApplicationDetail | null>(null);

  // Autosave: every change, including the first render (so the key exists before any tap).
  useEffect(() => {
    if (!done) saveDraft(userId, draft);
  }, [draft, done, userId]);

  const update = (patch: Partial<ApplyDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const applicant: Applicant = {
    subject: { kind: me.subject?.kind ?? 'person', name: me.subject?.name ?? me.name },
    onFile: me.account,
  };
  const account = initialAccount(applicant.subject, applicant.onFile, draft.account);
  const accountErrors = {
    accountName: errors['account.accountName'],
    bankName: errors['account.bankName'],
    accountNumber: errors['account.accountNumber'],
    accountNumberRepeat: errors['account.accountNumberRepeat'],
  };
  function changeAccount(next: AccountDraft) {
    update({ account: next });
    // an edited field's error goes; the others stay until the next submit
    const edited = new Set(
      (['accountName', 'bankName', 'accountNumber', 'accountNumberRepeat'] as const)
        .filter((f) => next[f] !== account[f] || next.source !== account.source)
        .map((f) => `account.${f}`),
    );
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !edited.has(k))));
  }

  async function upload(materialId: string) {
    if (uploading) return;
    if (!(await ensurePrivacyAuthorized())) return;
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

  function removeMaterial(materialId: string) {
    setDraft((d) => {
      const { [materialId]: _removed, ...materials } = d.materials;
      return { ...d, materials };
    });
  }

  async function submit() {
    if (submitting) return;
    const v = validateApplication(policy, draft, applicant);
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    setSubmitError(null);
    setSubmitting(true);
    void requestStatusNotifications(); // must be asked inside the tap
    try {
      // The draft's key, not a new one: a retry after a timeout replays the same intent.
      const app = await submitApplication(v.body, draft.idempotencyKey);
      clearDraft(userId, policy.id);
      setDone(app);
    } catch (e) {
      const details = isApiError(e)
        ? (e.details as { applicationId?: string; reason?: string } | undefined)
        : undefined;
      const onField = isApiError(e) ? accountErrorOf(e.details, messageOf(e)) : undefined;
      if (onField) {
        // the server's shared/payee refusal: under its field, like the form's own
        setErrors((er) => ({
          ...er,
          ...Object.fromEntries(Object.entries(onField).map(([k, m]) => [`account.${k}`, m])),
        }));
        return;
      }
      if (isApiError(e) && e.code === 'ACCOUNT_REQUIRED')
        update({ account: { ...account, source: 'new' } });
      setSubmitError({
        message:
          details?.reason === 'IDEMPOTENCY_MISMATCH'
            ? '您的申请此前已提交成功，请在「办件」中查看'
            : messageOf(e),
        existingId: details?.applicationId,
      });
    } finally {
      setSubmitting(false);
    }
  }

  if (done) return <Submitted app={done} />;

  const estimate = match?.eligible ? match.estimatedFen : undefined;
  const existingId = submitError?.existingId;
  return (
    <View className="apply">
      <Text className="page-title">{policy.title}</Text>
      {restored.current && (
        <View className="apply__notice" data-testid="draft-restored">
          <Text className="apply__line">已为您恢复上次未提交的填写内容</Text>
        </View>
      )}

      <View className="apply__card">
        <Text className="apply__heading">申请主体</Text>
        <Text className="apply__line">名称：{me.subject?.name ?? me.name}</Text>
        {me.subject && (
          <Text className="apply__line">
            {me.subject.kind === 'enterprise' ? '统一社会信用代码' : '身份证号'}：{me.subject.code}
          </Text>
        )}
        <Text className="apply__line muted">以上信息来自政府部门登记数据，无需填写</Text>
      </View>

      <View className="apply__card">
        <Text className="apply__heading">申请金额</Text>
        {estimate !== undefined && (
          <Text className="apply__line">
            系统测算可享 <Text className="money">{formatFen(estimate)}</Text>
          </Text>
        )}
        <Text className="apply__line muted">
          不能超过系统测算金额（政策上限 {formatFen(policy.capFen)}）；不填写即按测算金额申请
        </Text>
        <Input
          className="apply__input"
          type="digit"
          placeholder={
            estimate !== undefined ? `默认 ${formatFen(estimate, 'suffix')}` : '请输入金额（元）'
          }
          value={draft.requestedYuan}
          onChange={(v: string) => update({ requestedYuan: v })}
        />
        {errors.requestedYuan && <Text className="apply__error">{errors.requestedYuan}</Text>}
      </View>

      <View className="apply__card">
        <Text className="apply__heading">申请材料</Text>
        {policy.materials.length === 0 && <Text className="apply__line">本政策无需提交材料</Text>}
        {policy.materials.map((m) => {
          const got = draft.materials[m.id];
          const error = errors[`material.${m.id}`];
          return (
            <View key={m.id} className="material" data-testid={`material-${m.id}`}>
              <View className="material__head">
                <Text className="material__name">{m.name}</Text>
                {m.optional ? <Tag type="warning">可容缺</Tag> : <Tag type="danger">必交</Tag>}
              </View>
              <Text className={`material__state ${got ? 'material__state--ok' : ''}`}>
                {got
                  ? `已上传：${got.fileName}`
                  : m.optional
                    ? '未上传（可先受理，限期补交）'
                    : '未上传'}
              </Text>
              {error && <Text className="apply__error">{error}</Text>}
              <View className="material__actions">
                <Button
                  size="large"
                  loading={uploading === m.id}
                  disabled={Boolean(uploading)}
                  onClick={() => void upload(m.id)}
                >
                  {got ? '重新上传' : '上传文件'}
                </Button>
                {got && (
                  <Button size="large" fill="none" onClick={() => removeMaterial(m.id)}>
                    删除
                  </Button>
                )}
              </View>
            </View>
          );
        })}
        {policy.materials.some((m) => m.optional && !draft.materials[m.id]) && (
          <Text className="apply__line muted">
            「可容缺」材料暂缺也可先提交，受理后在规定期限内补交即可。
          </Text>
        )}
      </View>

      <View className="apply__card">
        <Text className="apply__heading">收款账户</Text>
        <AccountFields
          subject={applicant.subject}
          onFile={applicant.onFile}
          value={account}
          onChange={changeAccount}
          errors={accountErrors}
        />
      </View>

      <View
        className={`pledge ${draft.pledged ? 'pledge--on' : ''}`}
        role="checkbox"
        aria-checked={draft.pledged}
        data-testid="pledge"
        onClick={() => update({ pledged: !draft.pledged })}
      >
        <Text className="pledge__box">{draft.pledged ? '✓' : ''}</Text>
        <Text className="pledge__text">
          本人承诺所提交的信息和材料真实有效，如有虚假愿承担相应责任
        </Text>
      </View>
      {errors.pledged && <Text className="apply__error">{errors.pledged}</Text>}

      {submitError && (
        <View className="apply__notice apply__notice--error" role="alert">
          <Text className="apply__line">{submitError.message}</Text>
          {existingId && (
            <Button
              size="large"
              onClick={() => void Taro.redirectTo({ url: routes.applicationDetail(existingId) })}
            >
              查看已有申请
            </Button>
          )}
        </View>
      )}

      <View className="apply__submit">
        <Button
          type="primary"
          size="xlarge"
          block
          loading={submitting}
          onClick={() => void submit()}
        >
          {submitError ? '重新提交' : '提交申请'}
        </Button>
      </View>
    </View>
  );
}

export default function ApplyPage() {
  const { params } = useRouter();
  const policyId = params.policyId ?? '';
  const session = getSession();
  const { remote, reload } = useRemote<Loaded>(async () => {
    const [policy, matches, me] = await Promise.all([getPolicy(policyId), listMatches(), getMe()]);
    return { policy, match: matches.items.find((m) => m.policyId === policyId), me };
  }, [policyId]);
  return (
    <View className="page">
      <RemoteState remote={remote} onRetry={() => void reload()}>
        {(loaded) => <ApplyForm loaded={loaded} userId={session?.userId ?? 'anonymous'} />}
      </RemoteState>
    </View>
  );
}
