/**
 * The rule engine's explanation as people read it: each condition with ✓ / ✗ / ?, the fact
 * values it used, and a note where data is missing. Applicants see it on 可享政策; reviewers
 * on the review page, judged on the facts of the day the application was submitted.
 */
import { View, Text } from '@tarojs/components';
import type { ConditionView } from '@shared/schemas';
import './index.scss';

/** The fact values a condition used, when they read as plain values (numbers, words, dates). */
export function valuesText(values: Record<string, unknown>): string {
  const plain = Object.values(values).filter(
    (v) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean',
  );
  return plain.map((v) => (v === true ? '是' : v === false ? '否' : String(v))).join('、');
}

export function Conditions({ conditions }: { conditions: readonly ConditionView[] }) {
  return (
    <View className="conditions">
      {conditions.map((c) => {
        // the server's words for the values ("营业状态：正常经营"); the bare values for an older answer
        const detail = c.detail ?? valuesText(c.values);
        return (
          <View
            key={c.id}
            className={`reason ${c.passed === true ? 'reason--pass' : 'reason--fail'}`}
            data-testid="condition"
          >
            <Text className="reason__mark">
              {c.passed === true ? '✓' : c.passed === false ? '✗' : '?'}
            </Text>
            <Text className="reason__text">
              {c.label}
              {detail ? `（${detail}）` : ''}
              {c.passed === null ? '（缺少数据，待核实）' : ''}
            </Text>
          </View>
        );
      })}
    </View>
  );
}
