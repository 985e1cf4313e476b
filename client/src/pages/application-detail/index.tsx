/**
 * 办件详情: where the application is, every step it took, and what to do next —
 * supplement (容缺 / 退回补正), withdraw before a decision, objection during 公示,
 * give (补充) or change the receiving account until the money moves.
 */
import { Stepper } from '../../components/stepper';
import { RatingCard } from '../../components/rating';
import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@shared/money';
import {
  getApplication,
  provideAccount,
  raiseObjection,
  supplementApplication,
  withdrawApplication,
  type ApplicationDetail,
} from '../../api/applications';
import { getMe } from '../../api/auth';
import { isApiError, messageOf, newIdempotencyKey } from '../../api/client';
import {
  AccountFields,
  accountErrorOf,
  checkAccount,
  initialAccount,
  type AccountDraft,
  type AccountErrors,
} from '../../components/account-form';
import { RemoteState } from '../../components/remote-state';
import { Timeline } from '../../components/timeline';
import { formatDate } from '../../format';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import { APPLICATION_STATUS_LABEL, RECOVERY_STATUS_LABEL } from '../../labels';
import { pickFile, uploadMaterial } from '../../upload/material-file';
import { ensurePrivacyAuthorized, requestStatusNotifications } from '../../wechat';
import { canChangeAccount, nextStep } from './next-step';
import './index.scss';
import { MaterialList } from '../../components/materials';

/** One key per user intent: made when the intent's form appears, reused on every retry. */
function useIntentKey() {
  const keys = useRef(new Map<string, string>());
  return {
    keyFor(intent: string) {
      let k = keys.current.get(intent);
      if (!k) keys.current.set(intent, (k = newIdempotencyKey()));
      return k;
    },
    done(intent: string) {
      keys.current.delete(intent);
    },
  };
}

function Supplement({
  app,
  onDone,
}: {
  app: ApplicationDetail;
  onDone: (a: ApplicationDetail) => void;
}) {
  const intents = useIntentKey();
  // 退回补正 may replace any material; 容缺 asks for the missing ones.
  const wanted =
    app.status === 'returned' ? app.materials : app.materials.filter((m) => !m.provided);
  const [files, setFiles] = useState<
    Partial<Record<string, { uploadId: string; fileName: string }>>
  >({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(materialId: string) {
    if (busy || !(await ensurePrivacyAuthorized())) return;
    const file = await pickFile();
    if (!file) return;
    setBusy(materialId);
    setError(null);
    try {
      const up = await uploadMaterial(materialId, file);
      setFiles((f) => ({ ...f, [materialId]: { uploadId: up.uploadId, fileName: up.fileName } }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  async function send() {
    const materials = Object.entries(files).flatMap(([materialId, f]) =>
      f ? [{ materialId, uploadId: f.uploadId }] : [],
    );
    if (materials.length === 0) {
      setError('请先上传需要补交的材料');
      return;
    }
    setBusy('send');
    setError(null);
    try {
      onDone(
        await supplementApplication(app.id, materials, intents.keyFor(`supplement:${app.version}`)),
      );
      intents.done(`supplement:${app.version}`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <View className="detail__card" data-testid="supplement">
      <Text className="detail__heading">{app.status === 'returned' ? '修改材料' : '补交材料'}</Text>
      {wanted.map((m) => (
        <View key={m.materialId} className="detail__material">
          <Text className="detail__line">{m.name}</Text>
          <Text className={`detail__line ${files[m.materialId] ? 'ok' : 'muted'}`}>
            {files[m.materialId]
              ? `已上传：${files[m.materialId]?.fileName ?? ''}`
              : m.provided
                ? '已提交，可替换'
                : '待补交'}
          </Text>
          <Button
            size="large"
            loading={busy === m.materialId}
            disabled={Boolean(busy)}
            onClick={() => void upload(m.materialId)}
          >
            {files[m.materialId] ? '重新上传' : '上传文件'}
          </Button>
        </View>
      ))}
      {error && (
        <View className="detail__error" role="alert">
          {error}
        </View>
      )}
      <Button
        type="primary"
        size="xlarge"
        block
        loading={busy === 'send'}
        disabled={busy !== null && busy !== 'send'}
        onClick={() => void send()}
      >
        提交补正材料
      </Button>
    </View>
  );
}

/** 资金追回 on a paid application, in the applicant's words: 追回中，应退回金额 / 已追回金额 / 已核销金额. */
const recoveryAmountText = (r: NonNullable<ApplicationDetail['recovery']>): string =>
  `${RECOVERY_STATUS_LABEL[r.status]}${r.status === 'open' ? '，应退回金额' : '金额'}`;

/** 补充 / 更换收款账户: the same account step as the apply form, sent on its own. */
/** The money waits on the applicant (no account) or an operator (on hold): say so in amber, not the routine red. */
function statusTone(
  status: ApplicationDetail['status'],
): 'danger' | 'success' | 'warning' | 'primary' {
  if (status === 'rejected') return 'danger';
  if (status === 'paid') return 'success';
  if (status === 'awaiting_account' || status === 'on_hold' || status === 'payment_failed')
    return 'warning';
  return 'primary';
}

function ProvideAccount({
  app,
  onDone,
}: {
  app: ApplicationDetail;
  onDone: (a: ApplicationDetail) => void;
}) {
  const intents = useIntentKey();
  const { remote } = useRemote(() => getMe(), []);
  const [open, setOpen] = useState(!app.account);
  const [value, setValue] = useState<AccountDraft | undefined>(undefined);
  const [errors, setErrors] = useState<AccountErrors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const me = remote.state === 'ready' ? remote.data : undefined;
  const subject = me
    ? { kind: me.subject?.kind ?? ('person' as const), name: me.subject?.name ?? me.name }
    : undefined;
  const current = subject ? initialAccount(subject, me?.account, value) : undefined;

  async function send() {
    if (!subject || !current) return;
    const checked = checkAccount(current, subject, me?.account);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setError(null);
    setBusy(true);
    const intent = `account:${app.version}`;
    try {
      onDone(await provideAccount(app.id, checked.account, intents.keyFor(intent)));
      intents.done(intent);
    } catch (e) {
      const onField = isApiError(e) ? accountErrorOf(e.details, messageOf(e)) : undefined;
      if (onField) setErrors(onField);
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <Button size="large" block onClick={() => setOpen(true)}>
        更换收款账户
      </Button>
    );
  }
  return (
    <View className="detail__card" data-testid="provide-account">
      <Text className="detail__heading">{app.account ? '更换收款账户' : '补充收款账户'}</Text>
      {current && subject ? (
        <AccountFields
          subject={subject}
          onFile={me?.account}
          value={current}
          onChange={setValue}
          errors={errors}
        />
      ) : (
        <Text className="detail__line muted">
          {remote.state === 'error' ? messageOf(remote.error) : '加载中…'}
        </Text>
      )}
      {error && (
        <View className="detail__error" role="alert">
          {error}
        </View>
      )}
      <Button
        type="primary"
        size="xlarge"
        block
        loading={busy}
        disabled={!current}
        onClick={() => void send()}
      >
        提交收款账户
      </Button>
    </View>
  );
}

function Objection({
  app,
  onDone,
}: {
  app: ApplicationDetail;
  onDone: (a: ApplicationDetail) => void;
}) {
  const intents = useIntentKey();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function send() {
    if (!text.trim()) {
      setError('请填写异议内容');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await raiseObjection(app.id, text.trim(), intents.keyFor('objection'));
      intents.done('objection');
      // the answer is the objection alone; the application (with it) is read again
      onDone(await getApplication(app.id));
      setText('');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className="detail__card">
      <Text className="detail__heading">公示期异议</Text>
      <Text className="detail__line muted">
        如对公示内容有异议，可在 {formatDate(app.publicityEndsAt)} 前提出，主管部门将核实处理。
      </Text>
      <Textarea
        className="detail__textarea"
        value={text}
        maxlength={500}
        placeholder="请写明异议事项和理由"
        onInput={(e) => setText(e.detail.value)}
      />
      {error && <Text className="detail__error">{error}</Text>}
      <Button size="large" block loading={busy} onClick={() => void send()}>
        提交异议
      </Button>
    </View>
  );
}

export function ApplicationView({ initial }: { initial: ApplicationDetail }) {
  const [app, setApp] = useState(initial);
  const [withdrawing, setWithdrawing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const intents = useIntentKey();
  const step = nextStep(app);

  async function withdraw() {
    const { confirm } = await Taro.showModal({
      title: '撤回申请',
      content: '撤回后本次申请结束，如需办理需重新申请。确定撤回吗？',
      confirmText: '确定撤回',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setWithdrawing(true);
    setError(null);
    try {
      setApp(await withdrawApplication(app.id, undefined, intents.keyFor('withdraw')));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setWithdrawing(false);
    }
  }

  const updated = (a: ApplicationDetail) => {
    void requestStatusNotifications();
    setApp(a);
  };

  return (
    <View className="detail">
      <View className="detail__card detail__summary">
        <Text className="detail__title">{app.policyTitle}</Text>
        <View className="status-line" data-testid="status">
          <Tag type={statusTone(app.status)}>{APPLICATION_STATUS_LABEL[app.status]}</Tag>
        </View>
        <Text className="detail__line" data-testid="display-code">
          办件编号：{app.displayCode ?? app.id}
        </Text>
        {app.requestedFen !== undefined && (
          <Text className="detail__line">
            申请金额 <Text className="money">{formatFen(app.requestedFen)}</Text>
          </Text>
        )}
        {app.approvedFen !== undefined && (
          <Text className="detail__line">
            核定金额 <Text className="money">{formatFen(app.approvedFen)}</Text>
          </Text>
        )}
        <Text className="detail__line muted">
          提交于 {formatDate(app.submittedAt ?? app.createdAt)}
        </Text>
      </View>

      {app.steps && (
        <View className="detail__card">
          <Text className="detail__heading">办件进度</Text>
          <Stepper steps={app.steps} />
        </View>
      )}

      <View className="detail__card detail__next" data-testid="next-step">
        <Text className="detail__heading">下一步</Text>
        <Text className="detail__line">{step.text}</Text>
      </View>

      {app.account && (
        <View className="detail__card" data-testid="account">
          <Text className="detail__heading">收款账户</Text>
          <Text className="detail__line">
            {app.account.bankName} {app.account.accountMasked}
          </Text>
        </View>
      )}
      {(step.actions.includes('account') || (app.account && canChangeAccount(app))) && (
        <ProvideAccount key={`account:${app.version}`} app={app} onDone={updated} />
      )}
      {step.actions.includes('supplement') && (
        <Supplement key={app.version} app={app} onDone={updated} />
      )}
      {step.actions.includes('objection') && <Objection app={app} onDone={updated} />}

      {app.recovery && (
        <View className="detail__card" data-testid="recovery">
          <Text className="detail__heading">资金追回</Text>
          <Text className="detail__line">
            {recoveryAmountText(app.recovery)}：
            <Text className="money">{formatFen(app.recovery.amountFen)}</Text>
          </Text>
          <Text className="detail__line">追回原因：{app.recovery.reason}</Text>
          <Text className="detail__line muted">
            发起于 {formatDate(app.recovery.openedAt)}
            {app.recovery.closedAt ? `，办结于 ${formatDate(app.recovery.closedAt)}` : ''}
          </Text>
        </View>
      )}

      {app.objections.length > 0 && (
        <View className="detail__card">
          <Text className="detail__heading">异议</Text>
          {app.objections.map((o) => (
            <Text key={o.id} className="detail__line">
              {formatDate(o.raisedAt)}：{o.text}（
              {o.resolved ? (o.upheld ? '异议成立' : '异议不成立') : '核实中'}）
            </Text>
          ))}
        </View>
      )}

      {app.materials.length > 0 && (
        <View className="detail__card">
          <Text className="detail__heading">申请材料</Text>
          <MaterialList app={app} />
        </View>
      )}

      {(app.status === 'paid' || app.status === 'rejected' || app.rating) && (
        <RatingCard kind="application" itemId={app.id} rated={app.rating} />
      )}

      <View className="detail__card">
        <Text className="detail__heading">办理记录</Text>
        <Timeline entries={app.timeline} />
      </View>

      {error && (
        <View className="detail__error" role="alert">
          {error}
        </View>
      )}
      {step.actions.includes('withdraw') && (
        <Button size="large" block loading={withdrawing} onClick={() => void withdraw()}>
          撤回申请
        </Button>
      )}
    </View>
  );
}

export default function ApplicationDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { remote, reload } = useRemote(() => getApplication(id), [id]);
  useReloadOnShow(reload);
  return (
    <View className="page">
      <RemoteState remote={remote} onRetry={() => void reload()}>
        {(app) => <ApplicationView key={`${app.id}:${app.version}`} initial={app} />}
      </RemoteState>
    </View>
  );
}
