/**
 * 办件进度 as a stepper (issue #17): 提交申请 → 部门审核 → 结果公示 → 资金到账, each with the
 * day it was done or the day it is expected by (the server computes them from the policy's
 * promises and the working-day calendar, shared/progress.ts).
 */
import { View, Text } from '@tarojs/components';
import type { ApplicationDetail } from '../../api/applications';
import { formatDate } from '../../format';
import './index.scss';

type Step = NonNullable<ApplicationDetail['steps']>[number];

const STATE_TEXT: Record<Step['state'], string> = {
  done: '已完成',
  current: '进行中',
  upcoming: '未开始',
  skipped: '不再进行',
};

function dateText(s: Step): string {
  if (s.state === 'done') return s.doneOn ? `${formatDate(s.doneOn)} 完成` : '已完成';
  if (s.state === 'skipped') return '不再进行';
  return s.expectedOn ? `预计 ${formatDate(s.expectedOn)} 前` : STATE_TEXT[s.state];
}

export function Stepper({ steps }: { steps: readonly Step[] }) {
  return (
    <View className="stepper" data-testid="stepper" role="list">
      {steps.map((s, i) => (
        <View
          key={s.key}
          className={`stepper__step stepper__step--${s.state}`}
          role="listitem"
          aria-current={s.state === 'current' ? 'step' : undefined}
          data-testid={`step-${s.key}`}
        >
          <View className="stepper__marker">
            <Text className="stepper__dot">{s.state === 'done' ? '✓' : String(i + 1)}</Text>
            {i < steps.length - 1 && <View className="stepper__line" />}
          </View>
          <View className="stepper__body">
            <Text className="stepper__label">
              {s.label}
              <Text className="stepper__state">（{STATE_TEXT[s.state]}）</Text>
            </Text>
            <Text className="stepper__date">{dateText(s)}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
