/**
 * 申兑指南: one policy, in the order an applicant asks — who, how much, how to
 * get it, what to bring, how long it takes, and the document it comes from.
 */
import type { ReactNode } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@shared/money';
import { getPolicy, type PolicyDetail } from '../../api/policies';
import { RemoteState } from '../../components/remote-state';
import { useRemote } from '../../hooks/useRemote';
import { formatDate } from '../../format';
import { POLICY_KIND_LABEL, POLICY_MODE_LABEL, SUBJECT_KIND_LABEL } from '../../labels';
import { go } from '../../navigation';
import { applyRouteOf } from '../../routes';
import './index.scss';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className="guide__section">
      <Text className="guide__heading">{title}</Text>
      {children}
    </View>
  );
}

function Guide({ policy }: { policy: PolicyDetail }) {
  const howToGet =
    policy.mode === 'auto'
      ? '免申即享：系统根据政府部门已有数据自动认定，无需提交申请，资金直接拨付到账。'
      : policy.mode === 'both'
        ? '符合条件的将自动发放；未被自动认定的，可在线提交申请。'
        : '在线提交申请，经部门审核、公示后拨付。';
  return (
    <View>
      <Text className="page-title">{policy.title}</Text>
      <View className="guide__tags">
        <Tag type={policy.mode === 'apply' ? 'primary' : 'success'}>
          {POLICY_MODE_LABEL[policy.mode]}
        </Tag>
        <Tag plain>{POLICY_KIND_LABEL[policy.kind]}</Tag>
        <Tag plain>{SUBJECT_KIND_LABEL[policy.subjectKind]}</Tag>
      </View>
      <Text className="guide__summary">{policy.summary}</Text>

      <Section title="享受对象与条件">
        {policy.eligibility.map((c, i) => (
          <Text key={c.id} className="guide__line">
            {i + 1}. {c.label}
          </Text>
        ))}
      </Section>

      <Section title="补贴标准">
        {policy.parameters.map((x) => (
          <Text key={x.name} className="guide__line">
            {x.name}：{x.text ?? `${String(x.value)} ${x.unit}`}
          </Text>
        ))}
        <Text className="guide__line">
          每户最高 <Text className="money">{formatFen(policy.capFen)}</Text>
        </Text>
      </Section>

      <Section title="办理方式">
        <Text className="guide__line">{howToGet}</Text>
      </Section>

      {policy.mode !== 'auto' && (
        <Section title="所需材料">
          {policy.materials.length === 0 ? (
            <Text className="guide__line">无需提交材料</Text>
          ) : (
            <Cell.Group>
              {policy.materials.map((m) => (
                <Cell
                  key={m.id}
                  title={m.name}
                  extra={
                    m.optional ? <Tag type="warning">可容缺</Tag> : <Tag type="danger">必交</Tag>
                  }
                />
              ))}
            </Cell.Group>
          )}
          {policy.materials.some((m) => m.optional) && (
            <Text className="guide__note">
              「可容缺」材料暂缺时也可先受理，在规定期限内补交即可。
            </Text>
          )}
        </Section>
      )}

      <Section title="办理流程与时限">
        <Text className="guide__line">
          1. {policy.mode === 'auto' ? '系统自动认定' : '在线提交申请'}
        </Text>
        <Text className="guide__line">
          2. 部门审核（{policy.reviewLevels === 2 ? '初审、复审两级' : '一级审核'}）
        </Text>
        <Text className="guide__line">3. 结果公示 {policy.publicityDays} 天</Text>
        <Text className="guide__line">
          4. 公示结束后 {policy.paymentSlaWorkingDays} 个工作日内拨付到账
        </Text>
      </Section>

      <Section title="执行期限">
        <Text className="guide__line">
          {formatDate(policy.effectiveFrom)} 至 {formatDate(policy.effectiveTo)}
        </Text>
      </Section>

      <Section title="政策依据">
        <Text className="guide__line">{policy.source.clause}</Text>
        <Text className="guide__line muted">“{policy.source.quote}”</Text>
        <Text className="guide__line muted">
          主管部门：{policy.departmentName} · {policy.office}
        </Text>
        <Text className="guide__line muted">
          咨询电话：{policy.phone} · 投诉电话：{policy.complaintPhone}
        </Text>
      </Section>

      {policy.mode !== 'auto' && (
        <View className="guide__cta">
          <Button type="primary" size="xlarge" block onClick={() => go(applyRouteOf(policy))}>
            {policy.kind === 'startup_loan' ? '申请贷款' : '立即申请'}
          </Button>
        </View>
      )}
    </View>
  );
}

export default function PolicyDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { remote, reload } = useRemote(() => getPolicy(id), [id]);
  return (
    <View className="page guide">
      <RemoteState remote={remote} onRetry={() => void reload()}>
        {(policy) => <Guide policy={policy} />}
      </RemoteState>
    </View>
  );
}
