/**
 * The 人社局 reviewer's startup loans waiting for the eligibility review at their level, above
 * the application queue. Other departments' reviewers are refused the loan list (403): nothing shows.
 */
import { View, Text } from '@tarojs/components';
import { isApiError } from '../../api/client';
import { listLoans } from '../../api/loans';
import { LoanRow } from '../../components/loan/row';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import { go } from '../../navigation';
import { routes } from '../../routes';

export function LoanEligibilityQueue() {
  const { remote, reload } = useRemote(() =>
    listLoans().catch((e: unknown) => {
      if (isApiError(e) && e.status === 403) return { items: [] };
      throw e;
    }),
  );
  useReloadOnShow(reload);
  if (remote.state !== 'ready') return null;
  const items = remote.data.items.filter(
    (l) => l.status === 'submitted' || l.status === 'eligibility_review',
  );
  if (items.length === 0) return null;
  return (
    <View data-testid="loan-eligibility-queue">
      <Text className="queue__section">创业担保贷款 · 资格审核（{String(items.length)}）</Text>
      {items.map((l) => (
        <LoanRow key={l.id} loan={l} onOpen={() => go(routes.reviewerLoanDetail(l.id))} />
      ))}
    </View>
  );
}
