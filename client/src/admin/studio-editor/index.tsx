/**
 * 政策编辑 (issue #11): one policy version as a form — title, department, who it is for, how it
 * is claimed, the window, conditions picked from the fact schema's fields with an operator and
 * a value, the amount (yuan or a dated parameter), cap and budget, materials (容缺), the guide —
 * with no JSON needed; JSON import and export are there too. Golden cases show as a table
 * with their results. The actions follow the status: save and submit a draft, publish (by
 * another admin) or return a version in review, retire a published one, start a new version;
 * any version can be tried in the 政策沙盘, whose report shows as bars.
 */
import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input, Textarea } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { FACT_SOURCES, FACT_VALUE_LABELS, SOURCE_LABELS } from '@shared/facts';
import { formatFen, type Fen } from '@shared/money';
import {
  BENEFIT_PERIOD_LABELS,
  BENEFIT_PERIODS,
  DEPARTMENT_LABELS,
  POLICY_DEPARTMENTS,
  POLICY_MODE_LABELS,
  POLICY_MODES,
  SUBJECT_KIND_LABELS,
  SUBJECT_KINDS,
} from '@shared/vocabulary';
import { messageOf } from '../../api/client';
import {
  createPolicy,
  createVersion,
  getSandbox,
  getVersion,
  startSandbox,
  transitionVersion,
  updateDraft,
  type SandboxView,
  type VersionDetail,
} from '../../api/studio';
import { RemoteState } from '../../components/remote-state';
import { useRemote } from '../../hooks/useRemote';
import { routes } from '../../routes';
import { ReasonForm } from '../reason-form';
import {
  amountFormOf,
  amountOf,
  blankDocument,
  conditionOf,
  fenToYuan,
  fieldChoices,
  nextId,
  OP_LABEL,
  OPS,
  rowOf,
  yuanToFen,
  type AmountForm,
  type ConditionRow,
  type MaterialRow,
} from '../studio/form';
import { GoldenCaseForm } from './golden-form';
import '../admin.scss';
import '../studio/studio.scss';

type Doc = Record<string, unknown>;
const CHOICES = fieldChoices();
const yuan = (fen: number) => formatFen(fen as Fen);
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function Field({
  label,
  testId,
  value,
  onChange,
  disabled,
  type,
}: {
  label: string;
  testId: string;
  value: string;
  onChange: (v: string) => void;
  disabled?: boolean;
  type?: 'text' | 'digit';
}) {
  return (
    <View className="studio-field" data-testid={testId}>
      <Text className="studio-field__label">{label}</Text>
      <Input
        className="studio-input"
        value={value}
        type={type ?? 'text'}
        disabled={disabled}
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  );
}

function Chips<T extends string>({
  label,
  testId,
  options,
  labels,
  value,
  onChange,
  disabled,
}: {
  label: string;
  testId: string;
  options: readonly T[];
  labels: Readonly<Record<string, string>>;
  value: string;
  onChange: (v: T) => void;
  disabled?: boolean;
}) {
  return (
    <View className="studio-field" data-testid={testId}>
      <Text className="studio-field__label">{label}</Text>
      <View className="studio-chips">
        {options.map((o) => (
          <Text
            key={o}
            className={`studio-chip${o === value ? ' studio-chip--on' : ''}`}
            onClick={() => {
              if (!disabled) onChange(o);
            }}
          >
            {labels[o] ?? o}
          </Text>
        ))}
      </View>
    </View>
  );
}

/**
 * 取值 of `属于其中之一` for a field with a value table: toggled chips, each read by its label
 * (the shared label tables, never the code: issue #17); the row keeps the codes, comma-separated.
 */
function MultiChips({
  label,
  testId,
  options,
  labels,
  value,
  onChange,
  disabled,
}: {
  label: string;
  testId: string;
  options: readonly string[];
  labels: Readonly<Record<string, string>>;
  value: string;
  onChange: (v: string) => void;
  disabled?: boolean;
}) {
  const chosen = value
    .split(/[,，]/)
    .map((v) => v.trim())
    .filter(Boolean);
  return (
    <View className="studio-field" data-testid={testId}>
      <Text className="studio-field__label">{label}</Text>
      <View className="studio-chips">
        {options.map((o) => (
          <View
            key={o}
            className={`studio-chip${chosen.includes(o) ? ' studio-chip--on' : ''}`}
            role="checkbox"
            aria-checked={chosen.includes(o)}
            onClick={() => {
              if (disabled) return;
              const next = chosen.includes(o) ? chosen.filter((c) => c !== o) : [...chosen, o];
              onChange(options.filter((x) => next.includes(x)).join(','));
            }}
          >
            {labels[o] ?? o}
          </View>
        ))}
      </View>
    </View>
  );
}

function ConditionEditor({
  row,
  onChange,
  onRemove,
  disabled,
}: {
  row: ConditionRow;
  onChange: (r: ConditionRow) => void;
  onRemove: () => void;
  disabled: boolean;
}) {
  if (row.kind === 'raw')
    return (
      <View className="studio-row" data-testid="studio-condition">
        <Text>{row.label}</Text>
        <Text className="muted">高级规则（在 JSON 中编辑）</Text>
      </View>
    );
  const field = CHOICES.find((f) => f.path === row.path);
  const source = row.path.split('.')[0] ?? '';
  const fieldsOfSource = CHOICES.filter((f) => f.path.startsWith(`${source}.`));
  return (
    <View className="studio-row" data-testid="studio-condition">
      <Field
        label="条件说明（申请人可见）"
        testId="cond-label"
        value={row.label}
        disabled={disabled}
        onChange={(label) => onChange({ ...row, label })}
      />
      <Chips
        label="数据来源"
        testId="cond-source"
        options={FACT_SOURCES}
        labels={SOURCE_LABELS}
        value={source}
        disabled={disabled}
        onChange={(s) =>
          onChange({
            ...row,
            path: CHOICES.find((f) => f.path.startsWith(`${s}.`))?.path ?? row.path,
          })
        }
      />
      <Chips
        label="字段"
        testId="cond-field"
        options={fieldsOfSource.map((f) => f.path)}
        labels={Object.fromEntries(fieldsOfSource.map((f) => [f.path, f.label]))}
        value={row.path}
        disabled={disabled}
        onChange={(path) => onChange({ ...row, path })}
      />
      <Chips
        label="比较"
        testId="cond-op"
        options={
          field?.kind === 'string' || field?.kind === 'boolean'
            ? (['eq', 'ne', 'in'] as const)
            : OPS
        }
        labels={OP_LABEL}
        value={row.op}
        disabled={disabled}
        onChange={(op) => onChange({ ...row, op })}
      />
      {field?.options && row.op !== 'in' ? (
        <Chips
          label="取值"
          testId="cond-value"
          options={field.options}
          labels={FACT_VALUE_LABELS[row.path] ?? {}}
          value={row.value}
          disabled={disabled}
          onChange={(value) => onChange({ ...row, value })}
        />
      ) : field?.options ? (
        <MultiChips
          label="取值（可多选）"
          testId="cond-value"
          options={field.options}
          labels={FACT_VALUE_LABELS[row.path] ?? {}}
          value={row.value}
          disabled={disabled}
          onChange={(value) => onChange({ ...row, value })}
        />
      ) : (
        <Field
          label={
            row.op === 'in'
              ? '取值（逗号分隔）'
              : field?.kind === 'date'
                ? '取值（日期，如 2026-01-01）'
                : field?.kind === 'boolean'
                  ? '取值（true / false）'
                  : '取值'
          }
          testId="cond-value"
          value={row.value}
          disabled={disabled}
          onChange={(value) => onChange({ ...row, value })}
        />
      )}
      {disabled ? null : (
        <Button size="small" onClick={onRemove}>
          删除此条件
        </Button>
      )}
    </View>
  );
}

function HBar({
  label,
  value,
  share,
  good,
}: {
  label: string;
  value: string;
  share: number;
  good?: boolean;
}) {
  return (
    <View className="studio-hbar" data-testid="sandbox-bar">
      <View className="bar__label">
        <Text>{label}</Text>
        <Text>{value}</Text>
      </View>
      <View className="studio-hbar__track">
        <View
          className={`studio-hbar__fill${good ? ' studio-hbar__fill--good' : ''}`}
          style={{ width: `${(Math.max(0, Math.min(1, share)) * 100).toFixed(1)}%` }}
        />
      </View>
    </View>
  );
}

export function SandboxReport({ r }: { r: SandboxView }) {
  const c = r.counts;
  const max = Math.max(1, ...r.distribution.map((b) => b.count));
  const maxFail = Math.max(1, ...r.failingConditions.map((f) => f.count));
  const running = r.status === 'running';
  return (
    <View className="card" data-testid="sandbox-report">
      <Text className="card__title">
        沙盘结果{running ? `（推演中 ${String(r.segmentsDone)}/${String(r.segmentsTotal)}）` : ''}
      </Text>
      <Text className="card__line">
        按 {r.asOf} 的数据，共 {c.subjects} 个主体：符合 {c.eligible}，不符合 {c.ineligible}
        ，信息不全 {c.incomplete}
      </Text>
      <Text className="card__line money" data-testid="sandbox-total">
        预计兑付 {c.payable} 户，合计 {yuan(r.totalFen)}，户均 {yuan(r.averageFen)}
      </Text>
      <HBar
        label="符合"
        value={String(c.eligible)}
        share={c.eligible / Math.max(1, c.subjects)}
        good
      />
      <HBar
        label="不符合"
        value={String(c.ineligible)}
        share={c.ineligible / Math.max(1, c.subjects)}
      />
      <HBar
        label="信息不全"
        value={String(c.incomplete)}
        share={c.incomplete / Math.max(1, c.subjects)}
      />
      <Text className="op-form__title">金额分布</Text>
      {r.distribution
        .filter((b) => b.count > 0)
        .map((b) => (
          <HBar
            key={b.fromFen}
            label={
              b.toFen === undefined
                ? `${yuan(b.fromFen)} 以上`
                : `${yuan(b.fromFen)}–${yuan(b.toFen)}`
            }
            value={`${String(b.count)} 户`}
            share={b.count / max}
            good
          />
        ))}
      <Text className="op-form__title">最常不满足的条件</Text>
      {r.failingConditions.length === 0 ? <Text className="muted">无</Text> : null}
      {r.failingConditions.map((f) => (
        <HBar
          key={f.id}
          label={f.label}
          value={`${String(f.count)} 户`}
          share={f.count / maxFail}
        />
      ))}
      {r.comparison ? (
        <View data-testid="sandbox-comparison">
          <Text className="op-form__title">与第{r.comparison.baselineVersion}版相比</Text>
          <Text className="card__line">
            增加 {r.comparison.gainers} 户（共 {yuan(r.comparison.gainedFen)}，其中新符合{' '}
            {r.comparison.newlyEligible} 户）；减少 {r.comparison.losers} 户（共{' '}
            {yuan(r.comparison.lostFen)}，其中不再符合 {r.comparison.noLongerEligible} 户）
          </Text>
          <Text className="card__line">
            合计 {yuan(r.comparison.baselineTotalFen)} → {yuan(r.totalFen)}（
            {r.comparison.netFen >= 0 ? '+' : '−'}
            {yuan(Math.abs(r.comparison.netFen))}）
          </Text>
        </View>
      ) : null}
      <Text className="op-form__title">{r.budget.fiscalYear}年度预算</Text>
      <HBar
        label={`可用 ${yuan(r.budget.remainingFen)}`}
        value={r.budget.covers ? '足以覆盖' : `缺口 ${yuan(r.budget.shortfallFen)}`}
        share={r.budget.remainingFen > 0 ? r.totalFen / r.budget.remainingFen : 1}
        good={r.budget.covers}
      />
      <Text className="card__line muted" data-testid="sandbox-budget">
        {r.budget.source === 'line' ? '专账' : '政策总预算（尚未开立专账）'}：下达{' '}
        {yuan(r.budget.allocatedFen)}，已占用 {yuan(r.budget.committedFen)}；
        {r.budget.covers ? '预算可以覆盖' : '预算不足'}
      </Text>
    </View>
  );
}

function Editor({
  detail,
  onSaved,
}: {
  detail?: VersionDetail;
  onSaved: (d: VersionDetail) => void;
}) {
  const initial = (detail?.document ?? blankDocument(todayInChina())) as Doc;
  const [doc, setDoc] = useState<Doc>(initial);
  const [rows, setRows] = useState<ConditionRow[]>(() =>
    ((initial.eligibility ?? []) as { id: string; label: string; rule: unknown }[]).map(rowOf),
  );
  const [amount, setAmount] = useState<AmountForm>(() => amountFormOf(initial.amount));
  const [materials, setMaterials] = useState<MaterialRow[]>(
    () => (initial.materials ?? []) as MaterialRow[],
  );
  const [golden, setGolden] = useState(() => JSON.stringify(detail?.goldenCases ?? [], null, 2));
  const [json, setJson] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [sandbox, setSandbox] = useState<SandboxView | null>(null);
  const poll = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(poll.current), []);

  const status = detail?.status ?? 'new';
  const editable = status === 'new' || status === 'draft';
  const set = (k: string, v: unknown) => setDoc((d) => ({ ...d, [k]: v }));
  const source = (doc.source ?? {}) as Doc;

  /** The document the form describes. */
  function documentOfForm(): Doc {
    return {
      ...doc,
      eligibility: rows.map((r) => conditionOf(r, CHOICES)),
      amount: amountOf(amount),
      materials,
    };
  }

  async function run(what: string, f: () => Promise<VersionDetail | undefined>) {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      const d = await f();
      setMessage({ error: false, text: what });
      if (d) onSaved(d);
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  const goldenCases = () => JSON.parse(golden || '[]') as unknown;

  const save = () =>
    run('已保存草稿', () =>
      detail
        ? updateDraft(detail.id, detail.version, documentOfForm(), goldenCases())
        : createPolicy(documentOfForm(), goldenCases()),
    );

  const [asking, setAsking] = useState<'return' | 'retire' | null>(null);

  async function act(
    action: 'submit' | 'publish' | 'return' | 'retire',
    body: { note?: string; reason?: string } = {},
  ) {
    if (!detail) return;
    const done = { submit: '已提交审核', publish: '已发布', return: '已退回', retire: '已停止' }[
      action
    ];
    await run(done, () => transitionVersion(detail.id, detail.version, action, body));
  }

  async function pollSandbox(id: string, runId: string) {
    try {
      const r = await getSandbox(id, runId);
      setSandbox(r);
      if (r.status === 'running')
        poll.current = setTimeout(() => void pollSandbox(id, runId), 1000);
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  }

  async function trySandbox() {
    if (!detail) return;
    setMessage(null);
    try {
      const r = await startSandbox(detail.id, { version: detail.version });
      setSandbox(r);
      if (r.status === 'running')
        poll.current = setTimeout(() => void pollSandbox(detail.id, r.id), 800);
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  }

  function applyJson() {
    try {
      const d = JSON.parse(json ?? '') as Doc;
      setDoc(d);
      setRows(((d.eligibility ?? []) as { id: string; label: string; rule: unknown }[]).map(rowOf));
      setAmount(amountFormOf(d.amount));
      setMaterials((d.materials ?? []) as MaterialRow[]);
      setJson(null);
      setMessage({ error: false, text: '已导入 JSON，保存后生效' });
    } catch {
      setMessage({ error: true, text: 'JSON 格式不正确' });
    }
  }

  return (
    <View>
      {detail ? (
        <View className="card__head">
          <Text className="card__title">
            {detail.title}（第{detail.version}版）
          </Text>
          {/* NutUI's Tag drops data-* attributes: the testid is on a View around it */}
          <View data-testid="studio-status" data-status={detail.status}>
            <Tag type={detail.status === 'published' ? 'success' : 'default'}>
              {detail.statusLabel}
            </Tag>
          </View>
        </View>
      ) : null}
      {message ? (
        <Text
          className={`op-notice${message.error ? ' op-notice--error' : ''}`}
          data-testid="studio-message"
        >
          {message.text}
        </Text>
      ) : null}

      <View className="op-form">
        <Text className="op-form__title">基本信息</Text>
        <Field
          label="政策编号（小写字母、数字、连字符）"
          testId="f-id"
          value={str(doc.id)}
          disabled={status !== 'new'}
          onChange={(v) => set('id', v)}
        />
        <Field
          label="政策名称"
          testId="f-title"
          value={str(doc.title)}
          disabled={!editable}
          onChange={(v) => set('title', v)}
        />
        <Field
          label="简介"
          testId="f-summary"
          value={str(doc.summary)}
          disabled={!editable}
          onChange={(v) => set('summary', v)}
        />
        <Chips
          label="主管部门"
          testId="f-department"
          options={POLICY_DEPARTMENTS}
          labels={DEPARTMENT_LABELS}
          value={str(doc.department)}
          disabled={!editable}
          onChange={(v) => set('department', v)}
        />
        <Chips
          label="扶持对象"
          testId="f-subject"
          options={SUBJECT_KINDS}
          labels={SUBJECT_KIND_LABELS}
          value={str(doc.subjectKind)}
          disabled={!editable}
          onChange={(v) => set('subjectKind', v)}
        />
        <Chips
          label="兑现方式"
          testId="f-mode"
          options={POLICY_MODES}
          labels={POLICY_MODE_LABELS}
          value={str(doc.mode)}
          disabled={!editable}
          onChange={(v) => set('mode', v)}
        />
        <Chips
          label="享受周期"
          testId="f-period"
          options={BENEFIT_PERIODS}
          labels={BENEFIT_PERIOD_LABELS}
          value={str(doc.benefitPeriod)}
          disabled={!editable}
          onChange={(v) => set('benefitPeriod', v)}
        />
        <Field
          label="有效期开始（如 2026-01-01）"
          testId="f-from"
          value={str(doc.effectiveFrom)}
          disabled={!editable}
          onChange={(v) => set('effectiveFrom', v)}
        />
        <Field
          label="有效期结束"
          testId="f-to"
          value={str(doc.effectiveTo)}
          disabled={!editable}
          onChange={(v) => set('effectiveTo', v)}
        />
      </View>

      <View className="op-form">
        <Text className="op-form__title">申请条件（全部满足）</Text>
        {rows.map((r, i) => (
          <ConditionEditor
            key={r.id}
            row={r}
            disabled={!editable}
            onChange={(next) => setRows((rs) => rs.map((x, j) => (j === i ? next : x)))}
            onRemove={() => setRows((rs) => rs.filter((_, j) => j !== i))}
          />
        ))}
        {editable ? (
          <Button
            data-testid="studio-add-condition"
            onClick={() =>
              setRows((rs) => [
                ...rs,
                {
                  kind: 'simple',
                  id: nextId('c', rs),
                  label: '',
                  path: 'market_registry.status',
                  op: 'eq',
                  value: 'operating',
                },
              ])
            }
          >
            添加条件
          </Button>
        ) : null}
      </View>

      <View className="op-form">
        <Text className="op-form__title">补贴金额</Text>
        <Chips
          label="金额方式"
          testId="f-amount-kind"
          options={
            amount.kind === 'raw'
              ? (['fixed', 'param', 'raw'] as const)
              : (['fixed', 'param'] as const)
          }
          labels={{ fixed: '固定金额', param: '按参数', raw: '高级规则' }}
          value={amount.kind}
          disabled={!editable}
          onChange={(k) =>
            setAmount(
              k === 'fixed'
                ? { kind: 'fixed', yuan: '' }
                : k === 'param'
                  ? { kind: 'param', name: '' }
                  : amount,
            )
          }
        />
        {amount.kind === 'fixed' ? (
          <Field
            label="每户金额（元）"
            testId="f-amount"
            type="digit"
            value={amount.yuan}
            disabled={!editable}
            onChange={(v) => setAmount({ kind: 'fixed', yuan: v })}
          />
        ) : amount.kind === 'param' ? (
          <Field
            label="参数名称"
            testId="f-amount-param"
            value={amount.name}
            disabled={!editable}
            onChange={(v) => setAmount({ kind: 'param', name: v })}
          />
        ) : (
          <Text className="muted">高级规则（在 JSON 中编辑）</Text>
        )}
        <Field
          label="单户上限（元）"
          testId="f-cap"
          type="digit"
          value={fenToYuan(Number(doc.capFen ?? 0))}
          disabled={!editable}
          onChange={(v) => set('capFen', yuanToFen(v))}
        />
        <Field
          label="总预算（元）"
          testId="f-budget"
          type="digit"
          value={fenToYuan(Number(doc.budgetFen ?? 0))}
          disabled={!editable}
          onChange={(v) => set('budgetFen', yuanToFen(v))}
        />
      </View>

      <View className="op-form">
        <Text className="op-form__title">申请材料</Text>
        {materials.map((m, i) => (
          <View className="studio-row" key={m.id} data-testid="studio-material">
            <Field
              label="材料名称"
              testId="m-name"
              value={m.name}
              disabled={!editable}
              onChange={(name) =>
                setMaterials((ms) => ms.map((x, j) => (j === i ? { ...x, name } : x)))
              }
            />
            <Chips
              label="容缺"
              testId="m-optional"
              options={['no', 'yes'] as const}
              labels={{ no: '必须提交', yes: '可容缺后补' }}
              value={m.optional ? 'yes' : 'no'}
              disabled={!editable}
              onChange={(v) =>
                setMaterials((ms) =>
                  ms.map((x, j) => (j === i ? { ...x, optional: v === 'yes' } : x)),
                )
              }
            />
            {editable ? (
              <Button
                size="small"
                onClick={() => setMaterials((ms) => ms.filter((_, j) => j !== i))}
              >
                删除
              </Button>
            ) : null}
          </View>
        ))}
        {editable ? (
          <Button
            onClick={() =>
              setMaterials((ms) => [...ms, { id: nextId('m', ms), name: '', optional: false }])
            }
          >
            添加材料
          </Button>
        ) : null}
      </View>

      <View className="op-form">
        <Text className="op-form__title">办理指南与政策依据</Text>
        <Field
          label="办理地点"
          testId="f-office"
          value={str(doc.office)}
          disabled={!editable}
          onChange={(v) => set('office', v)}
        />
        <Field
          label="咨询电话"
          testId="f-phone"
          value={str(doc.phone)}
          disabled={!editable}
          onChange={(v) => set('phone', v)}
        />
        <Field
          label="投诉电话"
          testId="f-complaint"
          value={str(doc.complaintPhone)}
          disabled={!editable}
          onChange={(v) => set('complaintPhone', v)}
        />
        <Field
          label="依据条款"
          testId="f-clause"
          value={str(source.clause)}
          disabled={!editable}
          onChange={(v) => set('source', { ...source, clause: v })}
        />
        <Field
          label="条款原文"
          testId="f-quote"
          value={str(source.quote)}
          disabled={!editable}
          onChange={(v) => set('source', { ...source, quote: v })}
        />
      </View>

      <View className="op-form" data-testid="studio-golden">
        <Text className="op-form__title">测试用例</Text>
        <View className="studio-table">
          {(detail?.goldenResults ?? []).map((g, i) => {
            const c = (detail?.goldenCases[i] ?? {}) as Doc;
            return (
              <View className="studio-table__row" key={g.name} data-testid="golden-row">
                <Text>{g.name}</Text>
                <Text className="muted">
                  {str(c.asOf)} ·{' '}
                  {c.verdict === 'eligible'
                    ? '符合'
                    : c.verdict === 'incomplete'
                      ? '信息不全'
                      : '不符合'}
                  {typeof c.amountFen === 'number' ? ` · ${yuan(c.amountFen)}` : ''}
                </Text>
                <Text className={g.passed ? 'studio-pass' : 'studio-fail'}>
                  {g.passed ? '通过' : `未通过：${g.why ?? ''}`}
                </Text>
              </View>
            );
          })}
          {(detail?.goldenResults.length ?? 0) === 0 ? (
            <Text className="muted">暂无测试用例</Text>
          ) : null}
        </View>
        {editable ? (
          <GoldenCaseForm
            rows={rows}
            choices={CHOICES}
            subjectKind={str(doc.subjectKind)}
            asOf={str(doc.effectiveFrom)}
            onAdd={(c) => {
              let cases: unknown;
              try {
                cases = JSON.parse(golden || '[]');
              } catch {
                return '下方测试用例 JSON 格式不正确，请先改正';
              }
              if (!Array.isArray(cases)) return '下方测试用例 JSON 应为数组';
              setGolden(JSON.stringify([...(cases as unknown[]), c], null, 2));
              setMessage({ error: false, text: `已添加用例「${String(c.name)}」，保存草稿后生效` });
              return undefined;
            }}
          />
        ) : null}
        {editable ? (
          <View className="studio-field" data-testid="f-golden">
            <Text className="studio-field__label">
              测试用例（JSON：name、facts、asOf、verdict、amountFen）
            </Text>
            <Textarea
              className="admin-textarea"
              value={golden}
              maxlength={-1}
              onInput={(e) => setGolden(e.detail.value)}
            />
          </View>
        ) : null}
      </View>

      <View className="op-form">
        <Text className="op-form__title">JSON 导入导出</Text>
        {json === null ? (
          <Button onClick={() => setJson(JSON.stringify(documentOfForm(), null, 2))}>
            查看 / 导入 JSON
          </Button>
        ) : (
          <View>
            <Textarea
              className="admin-textarea"
              value={json}
              maxlength={-1}
              onInput={(e) => setJson(e.detail.value)}
            />
            <View className="op-form__actions">
              {editable ? <Button onClick={applyJson}>应用 JSON</Button> : null}
              <Button onClick={() => void Taro.setClipboardData({ data: json })}>复制</Button>
              <Button onClick={() => setJson(null)}>收起</Button>
            </View>
          </View>
        )}
      </View>

      <View className="op-form__actions" data-testid="studio-actions">
        {editable ? (
          <Button
            type="primary"
            loading={busy}
            data-testid="studio-save"
            onClick={() => void save()}
          >
            保存草稿
          </Button>
        ) : null}
        {status === 'draft' ? (
          <Button data-testid="studio-submit" onClick={() => void act('submit')}>
            提交审核
          </Button>
        ) : null}
        {status === 'in_review' ? (
          <>
            <Button type="primary" data-testid="studio-publish" onClick={() => void act('publish')}>
              发布
            </Button>
            <Button data-testid="studio-return" onClick={() => setAsking('return')}>
              退回修改
            </Button>
          </>
        ) : null}
        {status === 'published' ? (
          <>
            <Button
              data-testid="studio-new-version"
              onClick={() =>
                void run('已新建版本', () => createVersion((detail as VersionDetail).id))
              }
            >
              新建版本
            </Button>
            <Button type="danger" data-testid="studio-retire" onClick={() => setAsking('retire')}>
              停止政策
            </Button>
          </>
        ) : null}
        {detail ? (
          <Button data-testid="studio-sandbox" onClick={() => void trySandbox()}>
            沙盘推演
          </Button>
        ) : null}
      </View>
      {asking ? (
        <ReasonForm
          title={asking === 'return' ? '退回修改' : '停止政策'}
          label={asking === 'return' ? '退回原因' : '停止原因'}
          placeholder={asking === 'return' ? '请说明需要修改的地方' : '如：政策到期、上级文件废止'}
          confirmText={asking === 'return' ? '确认退回' : '确认停止'}
          danger={asking === 'retire'}
          onSubmit={async (text) => {
            await act(asking, asking === 'return' ? { note: text } : { reason: text });
            setAsking(null);
          }}
          onClose={() => setAsking(null)}
        />
      ) : null}
      {sandbox ? <SandboxReport r={sandbox} /> : null}
    </View>
  );
}

export default function StudioEditorPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : undefined;
  const version = params.version ? Number(params.version) : undefined;
  const [key, setKey] = useState(0);
  const { remote, reload } = useRemote(
    () => (id && version ? getVersion(id, version) : Promise.resolve(undefined)),
    [id, version],
  );
  const onSaved = (d: VersionDetail) => {
    if (d.id !== id || d.version !== version) {
      void Taro.redirectTo({ url: routes.adminStudioEditor(d.id, d.version) });
      return;
    }
    void reload().then(() => setKey((k) => k + 1));
  };
  return (
    <View className="page">
      <Text className="page-title">{id ? '政策版本' : '新建政策'}</Text>
      <RemoteState remote={remote} onRetry={() => void reload()}>
        {(detail) => (
          <Editor
            key={`${String(key)}-${detail?.status ?? 'new'}`}
            detail={detail}
            onSaved={onSaved}
          />
        )}
      </RemoteState>
    </View>
  );
}
