/**
 * 添加测试用例 as a form (issue #11): a name, the as-of date, for each simple condition the test
 * subject's value at its field (chips with Chinese labels for coded fields, 是/否, or a text
 * box; 无数据 leaves the source out), the expected verdict, the amount in 元 when 符合 and the
 * conditions that must fail when 不符合. The case is added to the draft's golden cases (saved
 * with the draft); the JSON box stays for what the form cannot say.
 */
import { useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { FACT_VALUE_LABELS } from '@shared/facts';
import type { ConditionRow, FieldChoice } from '../studio/form';
import {
  blankGoldenForm,
  goldenCaseOf,
  VERDICT_LABEL,
  type GoldenForm,
  type Verdict,
} from '../studio/golden';

const NO_DATA = '';

function ChipRow({
  options,
  labels,
  value,
  onChange,
  testId,
}: {
  options: readonly string[];
  labels: Readonly<Record<string, string>>;
  value: string;
  onChange: (v: string) => void;
  testId: string;
}) {
  return (
    <View className="studio-chips" data-testid={testId}>
      {options.map((o) => (
        <View
          key={o}
          className={`studio-chip${o === value ? ' studio-chip--on' : ''}`}
          role="radio"
          aria-checked={o === value}
          onClick={() => {
            onChange(o);
          }}
        >
          {labels[o] ?? o}
        </View>
      ))}
    </View>
  );
}

function TextBox({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  testId: string;
}) {
  return (
    <View className="studio-field" data-testid={testId}>
      <Text className="studio-field__label">{label}</Text>
      <Input
        className="studio-input"
        value={value}
        onInput={(e) => {
          onChange(e.detail.value);
        }}
      />
    </View>
  );
}

export function GoldenCaseForm({
  rows,
  choices,
  subjectKind,
  asOf,
  onAdd,
}: {
  rows: readonly ConditionRow[];
  choices: readonly FieldChoice[];
  subjectKind: string;
  asOf: string;
  /** Adds the case; returns a Chinese message when it could not. */
  onAdd: (goldenCase: Record<string, unknown>) => string | undefined;
}) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<GoldenForm>(() => blankGoldenForm(rows, asOf));
  const [error, setError] = useState<string | null>(null);
  const simple = rows.filter((r) => r.kind === 'simple');
  const set = (patch: Partial<GoldenForm>) => {
    setForm((f) => ({ ...f, ...patch }));
  };

  if (!open)
    return (
      <Button
        data-testid="golden-form-open"
        onClick={() => {
          setForm(blankGoldenForm(rows, asOf));
          setError(null);
          setOpen(true);
        }}
      >
        添加测试用例（表单）
      </Button>
    );

  function add() {
    const c = goldenCaseOf(form, rows, choices, subjectKind);
    const refused = typeof c === 'string' ? c : onAdd(c);
    if (refused) {
      setError(refused);
      return;
    }
    setOpen(false);
  }

  return (
    <View className="op-form" data-testid="golden-form">
      <Text className="op-form__title">添加测试用例</Text>
      <TextBox
        label="用例名称"
        testId="g-name"
        value={form.name}
        onChange={(name) => {
          set({ name });
        }}
      />
      <TextBox
        label="评估日期（如 2026-01-01）"
        testId="g-asof"
        value={form.asOf}
        onChange={(a) => {
          set({ asOf: a });
        }}
      />
      {simple.length === 0 ? (
        <Text className="muted">先在上方添加条件，再为测试对象填写数据</Text>
      ) : null}
      {simple.map((r) => {
        const field = choices.find((c) => c.path === r.path);
        const value = form.values[r.id] ?? NO_DATA;
        const setValue = (v: string) => {
          set({ values: { ...form.values, [r.id]: v } });
        };
        const title = `测试对象的「${field?.label ?? r.label}」（条件：${r.label}）`;
        return (
          <View key={r.id} className="studio-field" data-testid="g-value">
            {field?.options || field?.kind === 'boolean' ? (
              <>
                <Text className="studio-field__label">{title}</Text>
                <ChipRow
                  testId={`g-value-${r.id}`}
                  options={[...(field.options ?? ['true', 'false']), NO_DATA]}
                  labels={{
                    ...(field.options ? (FACT_VALUE_LABELS[r.path] ?? {}) : {}),
                    true: '是',
                    false: '否',
                    [NO_DATA]: '无数据',
                  }}
                  value={value}
                  onChange={setValue}
                />
              </>
            ) : (
              <TextBox
                label={`${title}（留空为无数据）`}
                testId={`g-value-${r.id}`}
                value={value}
                onChange={setValue}
              />
            )}
            {form.verdict === 'ineligible' ? (
              <View
                className={`studio-chip${form.failing.includes(r.id) ? ' studio-chip--on' : ''}`}
                role="checkbox"
                aria-checked={form.failing.includes(r.id)}
                data-testid={`g-failing-${r.id}`}
                onClick={() => {
                  set({
                    failing: form.failing.includes(r.id)
                      ? form.failing.filter((x) => x !== r.id)
                      : [...form.failing, r.id],
                  });
                }}
              >
                此条件应不满足
              </View>
            ) : null}
          </View>
        );
      })}
      <View className="studio-field">
        <Text className="studio-field__label">预期结论</Text>
        <ChipRow
          testId="g-verdict"
          options={['eligible', 'ineligible', 'incomplete'] satisfies Verdict[]}
          labels={VERDICT_LABEL}
          value={form.verdict}
          onChange={(v) => {
            set({ verdict: v as Verdict });
          }}
        />
      </View>
      {form.verdict === 'eligible' ? (
        <TextBox
          label="预期金额（元，可不填）"
          testId="g-amount"
          value={form.amountYuan}
          onChange={(amountYuan) => {
            set({ amountYuan });
          }}
        />
      ) : null}
      {error ? (
        <View className="form-error" role="alert">
          {error}
        </View>
      ) : null}
      <View className="op-form__actions">
        <Button
          onClick={() => {
            setOpen(false);
          }}
        >
          取消
        </Button>
        <Button type="primary" data-testid="golden-form-add" onClick={add}>
          添加用例
        </Button>
      </View>
    </View>
  );
}
