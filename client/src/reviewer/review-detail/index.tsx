/**
 * 审核详情: the application, its materials, the policy's conditions and parameters (what
 * the rule checked), the timeline, and the decision form when it is this reviewer's turn.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@shared/money';
import { getApplication, type ApplicationDetail } from '../../api/applications';
import { getPolicy, type PolicyDetail } from '../../api/policies';
import { RemoteState } from '../../components/remote-state';
import { Timeline } from '../../components/timeline';
import { formatDate } from '../../format';
import { useRemote } from '../../hooks/useRemote';
import { APPLICATION_STATUS_LABEL } from '../../labels';
import { Conditions } from '../../components/conditions';
import { MaterialList } from '../../components/materials';
import { DecisionForm } from './decision-form';
import { ReviewerNavBar } from '../nav-bar';
import './index.scss';

const DECIDABLE = ['submitted', 'review_l1', 'review_l2'] as const;

/** 审核时限: due date and working days left (or overdue), as in the queue. */
function slaText(sla: ApplicationDetail['reviewSla']): { text: string; overdue: boolean } | null {
  if (!sla) return null;
  if (!sla.calendarKnown) return { text: `审核时限：${sla.year}年工作日历未发布`, overdue: false };
  if (sla.overdueBy > 0)
    return { text: `审核时限：${sla.dueOn}，已超期 ${sla.overdueBy} 个工作日`, overdue: true };
  return {
    text: `审核时限：${sla.dueOn} 前，剩余 ${sla.remainingWorkingDays} 个工作日`,
    overdue: false,
  };
}

function Review({ initial, policy }: { initial: ApplicationDetail; policy: PolicyDetail }) {
  const [app, setApp] = useState(initial);
  const [decided, setDecided] = useState(false);
  const open = (DECIDABLE as readonly string[]).includes(app.status);
  // the decision's reply may carry no explanation: the 规则核验 card stays as it was judged
  const explanation = app.explanation ?? initial.explanation;
  const sla = slaText(initial.reviewSla);
  return (
    <View>
      <View className="review__card">
        <Text className="review__title">{app.policyTitle}</Text>
        <View className="status-line" data-testid="status">
          <Tag type="primary">{APPLICATION_STATUS_LABEL[app.status]}</Tag>
        </View>
        {app.displayCode && (
          <Text className="review__line" data-testid="display-code">
            办件编号：{app.displayCode}
          </Text>
        )}
        {sla && open && (
          <Text
            className={`review__line ${sla.overdue ? 'review__sla--overdue' : ''}`}
            data-testid="review-sla"
          >
            {sla.text}
          </Text>
        )}
        {app.applicant && (
          <Text className="review__line">
            申请人：{app.applicant.name}（{app.applicant.code}）
          </Text>
        )}
        <Text className="review__line">提交于 {formatDate(app.submittedAt ?? app.createdAt)}</Text>
        <Text className="review__line" data-testid="review-account">
          收款账户：
          {app.account ? `${app.account.bankName} ${app.account.accountMasked}` : '申请人尚未提供'}
        </Text>
        {app.requestedFen !== undefined && (
          <Text className="review__line">
            申请金额 <Text className="money">{formatFen(app.requestedFen)}</Text>
          </Text>
        )}
        {app.entitlementFen !== undefined && (
          <Text className="review__line">
            应享金额（规则测算，不超过上限）{' '}
            <Text className="money">{formatFen(app.entitlementFen)}</Text>
          </Text>
        )}
        {app.recommendedFen !== undefined && (
          <Text className="review__line">
            初审建议 <Text className="money">{formatFen(app.recommendedFen)}</Text>
          </Text>
        )}
        <Text className="review__line muted">
          政策上限 {formatFen(app.capFen)} · {app.reviewLevels === 2 ? '两级审核' : '一级审核'}
        </Text>
      </View>

      <View className="review__card">
        <Text className="review__heading">申请材料</Text>
        <MaterialList app={app} />
      </View>

      {explanation && (
        <View className="review__card" data-testid="explanation">
          <Text className="review__heading">规则核验（按提交当日数据）</Text>
          <Conditions conditions={explanation.conditions} />
          <Text className="review__line muted">
            规则测算金额 {formatFen(explanation.amountFen)}
            {explanation.capApplied ? '（已按上限封顶）' : ''}
          </Text>
        </View>
      )}

      <View className="review__card" data-testid="rule">
        <Text className="review__heading">政策条件（规则）</Text>
        {policy.eligibility.map((c, i) => (
          <Text key={c.id} className="review__line">
            {i + 1}. {c.label}
          </Text>
        ))}
        {policy.parameters.length > 0 && <Text className="review__line">规则取值：</Text>}
        {policy.parameters.map((p) => (
          <Text key={p.name} className="review__line muted" data-testid="rule-value">
            {p.name}：{p.value} {p.unit}
            {p.note ? `（${p.note}）` : ''}
          </Text>
        ))}
        <Text className="review__line muted">依据：{policy.source.clause}</Text>
      </View>

      {open && !decided && (
        <DecisionForm
          app={app}
          onDecided={(a) => {
            setApp(a);
            setDecided(true);
            void Taro.showToast({ title: '已提交审核决定', icon: 'success' });
          }}
        />
      )}
      {decided && (
        <View className="review__card review__done" data-testid="decided">
          <Text className="review__line">
            已提交，当前状态：{APPLICATION_STATUS_LABEL[app.status]}
          </Text>
        </View>
      )}

      <View className="review__card">
        <Text className="review__heading">办理记录</Text>
        <Timeline entries={app.timeline} />
      </View>
    </View>
  );
}

export default function ReviewDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { remote, reload } = useRemote(async () => {
    const app = await getApplication(id);
    return { app, policy: await getPolicy(app.policyId) };
  }, [id]);
  return (
    <View className="page">
      <ReviewerNavBar />
      <RemoteState remote={remote} onRetry={() => void reload()}>
        {({ app, policy }) => <Review initial={app} policy={policy} />}
      </RemoteState>
    </View>
  );
}
