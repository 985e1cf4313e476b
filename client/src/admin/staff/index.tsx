/**
 * 工作人员账号 (admin): create reviewer / auditor / admin accounts (department and level for
 * reviewers; guarantee-company and bank staff are reviewers of those departments) — the claim
 * code is shown once; list them; disable, re-enable, change role or level. Every change is
 * audited by the server and ends that person's sessions at once.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { ChangeStaffBody, CreateStaffBody } from '@shared/schemas/staff';
import {
  changeStaff,
  createStaff,
  listStaff,
  type CreateStaffResult,
  type StaffView,
} from '../../api/identity';
import { messageOf } from '../../api/client';
import { RemoteState } from '../../components/remote-state';
import { formatDateTime } from '../../format';
import { useRemote } from '../../hooks/useRemote';
import { RolePicker, roleFields, STAFF_ROLE_LABEL, type RoleDraft } from './role-picker';
import '../admin.scss';
import './index.scss';

function describe(s: StaffView): string {
  const parts = [STAFF_ROLE_LABEL[s.role]];
  if (s.role === 'reviewer')
    parts.push(s.departmentName ?? '', s.reviewLevel === 2 ? '复审' : '初审');
  return parts.filter(Boolean).join(' · ');
}

function statusOf(s: StaffView): { text: string; tone: string } {
  if (s.disabled) return { text: '已停用', tone: 'off' };
  if (!s.claimed) return { text: '待认领', tone: 'wait' };
  return { text: '使用中', tone: 'on' };
}

const firstIssue = (e: { issues: { message: string; path: PropertyKey[] }[] }): string => {
  const issue = e.issues.at(0);
  const field = String(issue?.path.at(0) ?? '');
  if (field === 'department') return '请选择部门';
  if (field === 'level') return '请选择审核级别';
  if (field === 'name') return issue?.message ?? '请填写姓名';
  return '请选择角色';
};

function CreateForm({ onCreated }: { onCreated: (r: CreateStaffResult) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleDraft>({ role: 'reviewer' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (busy) return;
    const parsed = CreateStaffBody.safeParse({ name, ...roleFields(role) });
    if (!parsed.success) {
      setError(firstIssue(parsed.error));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      onCreated(await createStaff(parsed.data));
      setName('');
      setRole({ role: 'reviewer' });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="op-form staff-form" data-testid="create-staff">
      <Text className="op-form__title">新建工作人员账号</Text>
      <View className="form-field">
        <Text className="form-field__label">姓名</Text>
        <Input
          className="form-field__input"
          placeholder="工作人员姓名"
          value={name}
          maxLength={50}
          onChange={(v: string) => {
            setName(v);
          }}
        />
      </View>
      <RolePicker value={role} onChange={setRole} prefix="new" />
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      <Button type="primary" size="xlarge" block loading={busy} onClick={() => void submit()}>
        创建并生成认领码
      </Button>
    </View>
  );
}

function StaffCard({ s, onChanged }: { s: StaffView; onChanged: (next: StaffView) => void }) {
  const [editing, setEditing] = useState(false);
  const [role, setRole] = useState<RoleDraft>({
    role: s.role,
    ...(s.department ? { department: s.department } : {}),
    ...(s.reviewLevel ? { level: s.reviewLevel } : {}),
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const status = statusOf(s);

  async function send(body: unknown, confirm?: { title: string; content: string; ok: string }) {
    if (busy) return;
    const parsed = ChangeStaffBody.safeParse(body);
    if (!parsed.success) {
      setError(firstIssue(parsed.error));
      return;
    }
    if (confirm) {
      const { confirm: ok } = await Taro.showModal({
        title: confirm.title,
        content: confirm.content,
        confirmText: confirm.ok,
        confirmColor: '#c8161d',
      });
      if (!ok) return;
    }
    setError(null);
    setBusy(true);
    try {
      onChanged(await changeStaff(s.id, parsed.data));
      setEditing(false);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="card staff" data-testid="staff">
      <View className="staff__head">
        <Text className="staff__name">{s.name}</Text>
        <Text className={`staff__status staff__status--${status.tone}`}>{status.text}</Text>
      </View>
      <Text className="card__line">{describe(s)}</Text>
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      {editing ? (
        <View className="staff__edit">
          <RolePicker value={role} onChange={setRole} prefix={`edit-${s.id}`} />
          <View className="staff__actions">
            <Button
              size="large"
              onClick={() => {
                setEditing(false);
              }}
            >
              取消
            </Button>
            <Button
              type="primary"
              size="large"
              loading={busy}
              onClick={() => void send({ action: 'change', ...roleFields(role) })}
            >
              保存调整
            </Button>
          </View>
        </View>
      ) : (
        <View className="staff__actions">
          <Button
            size="large"
            onClick={() => {
              setEditing(true);
            }}
          >
            调整角色
          </Button>
          {s.disabled ? (
            <Button
              type="primary"
              size="large"
              loading={busy}
              onClick={() => void send({ action: 'enable' })}
            >
              重新启用
            </Button>
          ) : (
            <Button
              size="large"
              loading={busy}
              onClick={() =>
                void send(
                  { action: 'disable' },
                  {
                    title: '停用账号',
                    content: `确定停用「${s.name}」吗？停用后其登录立即失效。`,
                    ok: '确认停用',
                  },
                )
              }
            >
              停用
            </Button>
          )}
        </View>
      )}
    </View>
  );
}

export default function StaffPage() {
  const { remote, reload } = useRemote(listStaff);
  const [created, setCreated] = useState<CreateStaffResult | null>(null);

  return (
    <View className="page staff-page">
      <Text className="page-title">工作人员账号</Text>
      {created ? (
        <View className="claim" data-testid="claim">
          <Text className="claim__label">
            已为「{created.staff.name}」创建账号（{describe(created.staff)}）。认领码仅显示这一次：
          </Text>
          <Text className="claim__code" data-testid="claim-code" selectable>
            {created.claimCode}
          </Text>
          <Text className="claim__meta">
            有效期至 {formatDateTime(created.claimExpiresAt)}。
            {'请当面或通过安全渠道告知本人，本人微信登录后选择「我有邀请码或认领码」填写。'}
          </Text>
          <Button
            size="large"
            block
            onClick={() => {
              setCreated(null);
            }}
          >
            已告知，继续
          </Button>
        </View>
      ) : (
        <CreateForm
          onCreated={(r) => {
            setCreated(r);
            void reload();
          }}
        />
      )}
      <Text className="staff-list__title">已创建的账号</Text>
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(d) => d.items.length === 0}
        emptyTitle="还没有创建工作人员账号"
      >
        {({ items }) => (
          <View>
            {items.map((s) => (
              <StaffCard key={s.id} s={s} onChanged={() => void reload()} />
            ))}
          </View>
        )}
      </RemoteState>
    </View>
  );
}
