/**
 * 身份绑定 (first login): a WeChat user nobody has bound chooses 我是居民 / 我是企业 /
 * 我有邀请码或认领码. Residents and legal representatives first agree to the 个人信息保护告知
 * (and WeChat's privacy authorisation on weapp); only then are ID numbers asked for, checked
 * with the server's own rules, and sent. A success answers a session: the person is signed in
 * and lands on their first page (an applicant's home shows what they can get).
 */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { bindEnterprise, bindOperator, bindResident, claimStaff } from '../../api/identity';
import { isApiError, messageOf, setSession } from '../../api/client';
import type { LoginResult } from '../../api/auth';
import { PrivacyConsent } from '../../components/privacy-consent';
import { go, goHomeFor } from '../../navigation';
import { routes } from '../../routes';
import {
  clearPendingCode,
  clearTicket,
  loadPendingCode,
  loadTicket,
  savePendingCode,
} from './ticket';
import {
  codeForm,
  codeKind,
  enterpriseForm,
  residentForm,
  type FieldErrors,
  type Fields,
} from './validate';
import './index.scss';

type Step = 'choose' | 'resident' | 'enterprise' | 'code';

interface FieldSpec {
  key: string;
  label: string;
  placeholder: string;
  maxLength: number;
}

const RESIDENT_FIELDS: FieldSpec[] = [
  { key: 'name', label: '姓名', placeholder: '与身份证一致', maxLength: 30 },
  { key: 'idNumber', label: '居民身份证号', placeholder: '18 位，末位可为 X', maxLength: 18 },
  { key: 'phone', label: '手机号', placeholder: '11 位手机号', maxLength: 11 },
];
const ENTERPRISE_FIELDS: FieldSpec[] = [
  { key: 'uscc', label: '统一社会信用代码', placeholder: '18 位，见营业执照', maxLength: 18 },
  { key: 'legalRepName', label: '法定代表人姓名', placeholder: '与营业执照一致', maxLength: 30 },
  {
    key: 'legalRepIdNumber',
    label: '法定代表人身份证号',
    placeholder: '18 位，末位可为 X',
    maxLength: 18,
  },
  { key: 'phone', label: '手机号', placeholder: '11 位手机号', maxLength: 11 },
];
const CODE_FIELD: FieldSpec = {
  key: 'code',
  label: '邀请码或认领码',
  placeholder: '企业邀请码 8 位 / 工作人员认领码 10 位',
  maxLength: 10,
};
const OPERATOR_FIELDS: FieldSpec[] = [
  { key: 'name', label: '您的姓名', placeholder: '经办人姓名', maxLength: 30 },
  { key: 'phone', label: '手机号', placeholder: '11 位手机号', maxLength: 11 },
];

/** Refusals after which this ticket cannot succeed: offer logging in again. */
const TICKET_DEAD = new Set(['BINDING_TICKET_INVALID', 'ALREADY_BOUND']);

function reasonOf(e: unknown): string | undefined {
  if (!isApiError(e)) return undefined;
  const d = e.details as { reason?: unknown } | undefined;
  return typeof d?.reason === 'string' ? d.reason : undefined;
}

function Field({
  spec,
  value,
  error,
  onChange,
}: {
  spec: FieldSpec;
  value: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  return (
    <View className="bind__field" data-testid={`field-${spec.key}`}>
      <Text className="bind__label">{spec.label}</Text>
      <Input
        className={`bind__input ${error ? 'bind__input--error' : ''}`}
        placeholder={spec.placeholder}
        value={value}
        maxLength={spec.maxLength}
        onChange={(v: string) => {
          onChange(v);
        }}
      />
      {error && <Text className="bind__error">{error}</Text>}
    </View>
  );
}

export default function BindPage() {
  const linkCode = useRouter().params.code;
  // an invite link's code survives the login that gets the ticket
  const [pendingCode] = useState(() => {
    if (linkCode) savePendingCode(linkCode);
    return linkCode ?? loadPendingCode();
  });
  const [ticket] = useState(() => loadTicket(Date.now()));
  const [step, setStep] = useState<Step>(pendingCode ? 'code' : 'choose');
  const [consented, setConsented] = useState(false);
  const [fields, setFields] = useState<Fields>(pendingCode ? { code: pendingCode } : {});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<{ message: string; relogin: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  if (!ticket) {
    return (
      <View className="page bind">
        <Text className="page-title">身份绑定</Text>
        <Text className="bind__lead">
          {pendingCode
            ? `您收到了邀请码 ${pendingCode}。请先微信登录，登录后将自动进入绑定。`
            : '请先微信登录；绑定凭证在登录后 30 分钟内有效，过期请重新登录。'}
        </Text>
        <Button
          type="primary"
          size="xlarge"
          block
          onClick={() => {
            go(routes.login);
          }}
        >
          去微信登录
        </Button>
      </View>
    );
  }
  const currentTicket = ticket.ticket;

  const set = (key: string, v: string) => {
    setFields((f) => ({ ...f, [key]: v }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };
  const open = (next: Step) => {
    setStep(next);
    setErrors({});
    setFailure(null);
  };

  async function submit() {
    if (busy) return;
    let send: (() => Promise<LoginResult>) | undefined;
    let problems: FieldErrors = {};
    // no ID number leaves the phone without the consent (the form is not even shown without it)
    if ((step === 'resident' || step === 'enterprise') && !consented) return;
    if (step === 'resident') {
      const r = residentForm(currentTicket, fields);
      if (r.ok) send = () => bindResident(r.body);
      else problems = r.errors;
    } else if (step === 'enterprise') {
      const r = enterpriseForm(currentTicket, fields);
      if (r.ok) send = () => bindEnterprise(r.body);
      else problems = r.errors;
    } else if (step === 'code') {
      const r = codeForm(currentTicket, fields);
      if (!r.ok) problems = r.errors;
      else if (r.kind === 'invite') send = () => bindOperator(r.body);
      else send = () => claimStaff(r.body);
    }
    if (!send) {
      setErrors(problems);
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      const { token, refreshToken, user } = await send();
      clearTicket();
      clearPendingCode();
      setSession({ token, refreshToken, userId: user.id, role: user.role, name: user.name });
      goHomeFor(user.role);
    } catch (e) {
      const reason = reasonOf(e);
      setFailure({
        message: messageOf(e),
        relogin: reason !== undefined && TICKET_DEAD.has(reason),
      });
    } finally {
      setBusy(false);
    }
  }

  const failureBox = failure && (
    <View className="bind__failure" role="alert" data-testid="bind-failure">
      <Text>{failure.message}</Text>
      {failure.relogin && (
        <Button
          size="large"
          onClick={() => {
            go(routes.login);
          }}
        >
          重新登录
        </Button>
      )}
    </View>
  );

  const form = (title: string, specs: FieldSpec[], action: string) => (
    <View className="bind__form">
      <Text className="bind__section">{title}</Text>
      {specs.map((s) => (
        <Field
          key={s.key}
          spec={s}
          value={fields[s.key] ?? ''}
          {...(errors[s.key] ? { error: errors[s.key] } : {})}
          onChange={(v) => {
            set(s.key, v);
          }}
        />
      ))}
      {failureBox}
      <Button type="primary" size="xlarge" block loading={busy} onClick={() => void submit()}>
        {action}
      </Button>
      <Button
        size="large"
        block
        className="bind__back"
        onClick={() => {
          open('choose');
        }}
      >
        返回重新选择
      </Button>
    </View>
  );

  if (step === 'choose') {
    return (
      <View className="page bind">
        <Text className="page-title">欢迎使用直达</Text>
        <Text className="bind__lead">首次使用，请选择您的身份完成绑定：</Text>
        <View
          className="bind__choice"
          data-testid="choose-resident"
          onClick={() => {
            open('resident');
          }}
        >
          <Text className="bind__choice-title">我是居民</Text>
          <Text className="bind__choice-text">用本人身份证核验，查看个人可享政策</Text>
        </View>
        <View
          className="bind__choice"
          data-testid="choose-enterprise"
          onClick={() => {
            open('enterprise');
          }}
        >
          <Text className="bind__choice-title">我是企业</Text>
          <Text className="bind__choice-text">由法定代表人核验，之后可邀请经办人</Text>
        </View>
        <View
          className="bind__choice"
          data-testid="choose-code"
          onClick={() => {
            open('code');
          }}
        >
          <Text className="bind__choice-title">我有邀请码或认领码</Text>
          <Text className="bind__choice-text">企业经办人填邀请码；工作人员填管理员给的认领码</Text>
        </View>
      </View>
    );
  }

  if ((step === 'resident' || step === 'enterprise') && !consented) {
    return (
      <View className="page bind">
        <Text className="page-title">{step === 'resident' ? '居民身份绑定' : '企业身份绑定'}</Text>
        <PrivacyConsent
          onAgree={() => {
            setConsented(true);
          }}
        />
        <Button
          size="large"
          block
          className="bind__back"
          onClick={() => {
            open('choose');
          }}
        >
          返回重新选择
        </Button>
      </View>
    );
  }

  return (
    <View className="page bind">
      {step === 'resident' && form('居民身份绑定', RESIDENT_FIELDS, '核验并绑定')}
      {step === 'enterprise' && form('企业身份绑定（法定代表人）', ENTERPRISE_FIELDS, '核验并绑定')}
      {step === 'code' &&
        form(
          '使用邀请码或认领码',
          codeKind(fields.code ?? '') === 'invite'
            ? [CODE_FIELD, ...OPERATOR_FIELDS]
            : [CODE_FIELD],
          '确认绑定',
        )}
    </View>
  );
}
