/**
 * 公示公告 (issue 14): the items in 公示, public — no login. Each card shows the policy, the
 * name (王*明 for a person; an enterprise in full), the amount and the 公示 period; filter per
 * department; anyone may object with a phone number and a reason and gets an objection number
 * and a query code, with which they (and only they) see the outcome below.
 */
import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { formatFen, type Fen } from '@shared/money';
import { DEPARTMENT_LABELS, type DepartmentCode } from '@shared/vocabulary/department';
import {
  listPublicity,
  objectPublicly,
  publicObjectionOutcome,
  type PublicityEntry,
  type PublicObjectionOutcome,
  type PublicObjectionReceipt,
} from '../../api/publicity';
import { messageOf, newIdempotencyKey } from '../../api/client';
import { MoreButton } from '../../components/paged-list';
import { RemoteState } from '../../components/remote-state';
import { formatDate, formatDateTime } from '../../format';
import { usePaged } from '../../hooks/usePaged';
import './index.scss';

const BUREAUS: DepartmentCode[] = [
  'hrss',
  'finance',
  'commerce',
  'sci_tech',
  'industry',
  'housing',
];
const PHONE = /^1[3-9]\d{9}$/;

function ObjectionForm({ entry }: { entry: PublicityEntry }) {
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<PublicObjectionReceipt>();
  const [key] = useState(newIdempotencyKey);
  if (receipt) {
    return (
      <View className="publicity-receipt" data-testid="objection-receipt">
        <Text className="card__line">
          异议已提交，{receipt.statusLabel}。请保存以下信息查询处理结果：
        </Text>
        <Text className="card__line">异议编号：{receipt.objectionId}</Text>
        <Text className="card__line">
          查询码：<Text className="publicity-receipt__code">{receipt.code}</Text>
        </Text>
      </View>
    );
  }
  if (!open) {
    return (
      <View className="form-field">
        <Button
          size="large"
          fill="outline"
          type="primary"
          block
          data-testid={`object-${entry.id}`}
          onClick={() => setOpen(true)}
        >
          对此公示提出异议
        </Button>
      </View>
    );
  }
  async function submit() {
    if (!PHONE.test(phone)) {
      setError('请填写11位手机号，用于联系核实');
      return;
    }
    if (text.trim().length === 0) {
      setError('请填写异议理由');
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      setReceipt(await objectPublicly(entry.kind, entry.id, { phone, text: text.trim() }, key));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <View data-testid="objection-form">
      <View className="form-field">
        <Text className="form-field__label">联系电话（仅供核实，不公开）</Text>
        <Input
          className="form-field__input"
          type="number"
          maxLength={11}
          placeholder="11位手机号"
          value={phone}
          onChange={(v: string) => setPhone(v.trim())}
          data-testid="objection-phone"
        />
      </View>
      <View className="form-field">
        <Text className="form-field__label">异议理由</Text>
        <Textarea
          className="form-field__input publicity-textarea"
          maxlength={500}
          placeholder="请写明事实和依据"
          value={text}
          onInput={(e) => setText(e.detail.value)}
          data-testid="objection-text"
        />
      </View>
      {error && <Text className="form-error">{error}</Text>}
      <View className="form-field">
        <Button
          type="primary"
          size="large"
          block
          loading={busy}
          onClick={() => void submit()}
          data-testid="objection-submit"
        >
          提交异议
        </Button>
      </View>
    </View>
  );
}

function Card({ e }: { e: PublicityEntry }) {
  return (
    <View className="card" data-testid="publicity-card" data-id={e.id}>
      <View className="card__head">
        <Text className="card__title">{e.name}</Text>
        <Text className="money">{formatFen(e.amountFen as Fen)}</Text>
      </View>
      <Text className="card__line">{e.policyTitle}</Text>
      <Text className="card__line muted">
        {e.departmentLabel} · {e.kind === 'grant' ? '免申即享' : '依申请'}
      </Text>
      <Text className="card__line">
        公示期：{formatDate(e.startsOn)} 至 {formatDate(e.endsOn)}
      </Text>
      <ObjectionForm entry={e} />
    </View>
  );
}

function Lookup({ initialId }: { initialId?: string }) {
  const [id, setId] = useState(initialId ?? '');
  const [code, setCode] = useState('');
  const [outcome, setOutcome] = useState<PublicObjectionOutcome>();
  const [error, setError] = useState<string>();
  async function look() {
    setError(undefined);
    try {
      setOutcome(await publicObjectionOutcome(id.trim(), code.trim().toUpperCase()));
    } catch (e) {
      setOutcome(undefined);
      setError(messageOf(e));
    }
  }
  return (
    <View className="card" data-testid="objection-lookup">
      <Text className="card__title">查询我的异议</Text>
      <View className="form-field">
        <Text className="form-field__label">异议编号</Text>
        <Input className="form-field__input" value={id} onChange={(v: string) => setId(v)} />
      </View>
      <View className="form-field">
        <Text className="form-field__label">查询码</Text>
        <Input className="form-field__input" value={code} onChange={(v: string) => setCode(v)} />
      </View>
      {error && <Text className="form-error">{error}</Text>}
      <View className="form-field">
        <Button size="large" block onClick={() => void look()}>
          查询
        </Button>
      </View>
      {outcome && (
        <View data-testid="objection-outcome">
          <Text className="card__line">状态：{outcome.statusLabel}</Text>
          <Text className="card__line muted">提交于 {formatDateTime(outcome.raisedAt)}</Text>
          {outcome.ruling && <Text className="card__line">处理意见：{outcome.ruling.note}</Text>}
        </View>
      )}
    </View>
  );
}

export default function PublicityPage() {
  const { params } = useRouter<{ policyId?: string; objectionId?: string }>();
  const [department, setDepartment] = useState<DepartmentCode | undefined>();
  const { remote, reload, more, loadMore } = usePaged(
    (cursor) => listPublicity({ policyId: params.policyId, department, cursor }),
    [department, params.policyId],
  );
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  const chips: { key?: DepartmentCode; title: string }[] = [
    { title: '全部' },
    ...BUREAUS.map((d) => ({ key: d, title: DEPARTMENT_LABELS[d] })),
  ];
  return (
    <View className="page">
      <Text className="page-title">公示公告</Text>
      <Text className="card__line muted">
        以下事项正在公示。如有异议，可在公示期内实名提出，部门核实处理前暂停拨付。
      </Text>
      <View className="chips" role="tablist" data-testid="department-filter">
        {chips.map((c) => (
          <View
            key={c.title}
            role="tab"
            aria-selected={department === c.key}
            className={`chips__item ${department === c.key ? 'chips__item--on' : ''}`}
            onClick={() => setDepartment(c.key)}
          >
            {c.title}
          </View>
        ))}
      </View>
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(p) => p.items.length === 0}
        emptyTitle="暂无公示事项"
        emptyDescription="审核通过或系统比对确认的事项，会在拨付前在这里公示"
      >
        {(page) => (
          <View>
            {[...page.items, ...more.items].map((e) => (
              <Card key={e.id} e={e} />
            ))}
            <MoreButton more={more} onMore={() => void loadMore()} />
          </View>
        )}
      </RemoteState>
      <Lookup initialId={params.objectionId} />
    </View>
  );
}
