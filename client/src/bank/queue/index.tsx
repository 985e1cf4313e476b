/** 合作银行: loans waiting for the lending decision (oldest first, SLA), then the active loans. */
import { LoanQueuePage } from '../../components/loan/staff';
import { routes } from '../../routes';

export default function BankQueuePage() {
  return (
    <LoanQueuePage
      title="创业担保贷款 · 银行"
      groups={[
        { title: '待审批放款', test: (l) => l.status === 'bank_lending' },
        { title: '还款中', test: (l) => l.status === 'active' },
      ]}
      open={routes.bankDetail}
      emptyText="暂无贷款事项"
    />
  );
}
