/**
 * 人社局 资格审核 of a startup loan: the key group as the rules engine judged it on the
 * government's data, the materials (容缺 ones must be in before approving), then approve (to the
 * guarantee company) or refuse with a reason. Another person decides each later step.
 */
import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { decideEligibility, type LoanDetail } from '../../api/loans';
import {
  Choices,
  DecisionError,
  FormField,
  StaffLoanPage,
  SubmitButton,
  TextBox,
  useDecision,
} from '../../components/loan/staff';

function EligibilityForm({ loan, onDone }: { loan: LoanDetail; onDone: (l: LoanDetail) => void }) {
  const [kind, setKind] = useState<'approve' | 'reject' | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const d = useDecision(onDone);
  if (loan.status !== 'submitted' && loan.status !== 'eligibility_review') return null;

  function submit() {
    if (kind === 'reject' && !reason.trim()) {
      setReasonError('请填写不通过的理由');
      return;
    }
    setReasonError(undefined);
    void d.run((key) =>
      decideEligibility(
        loan.id,
        kind === 'reject' ? { decision: 'reject', reason: reason.trim() } : { decision: 'approve' },
        key,
      ),
    );
  }

  return (
    <View className="loan__card" data-testid="eligibility-form">
      <Text className="loan__heading">资格审核</Text>
      {loan.missingMaterials.length > 0 && (
        <Text className="loan__line loan__warn">
          容缺材料未补齐：{loan.missingMaterials.map((m) => m.name).join('、')}，补齐后方可通过
        </Text>
      )}
      <Choices
        value={kind}
        onChange={setKind}
        options={[
          { key: 'approve', label: '资格审核通过' },
          { key: 'reject', label: '不通过' },
        ]}
      />
      {kind === 'reject' && (
        <FormField label="不通过理由" error={reasonError}>
          <TextBox value={reason} onChange={setReason} placeholder="将告知申请人" />
        </FormField>
      )}
      <DecisionError error={d.error} />
      {kind && (
        <SubmitButton busy={d.busy} onClick={submit}>
          {kind === 'approve' ? '确认通过，转担保公司' : '确认不通过'}
        </SubmitButton>
      )}
    </View>
  );
}

export default function ReviewerLoanDetailPage() {
  return (
    <StaffLoanPage form={(loan, setLoan) => <EligibilityForm loan={loan} onDone={setLoan} />} />
  );
}
