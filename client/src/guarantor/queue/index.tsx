/** 县担保公司: the loans waiting for a guarantee decision, oldest first, with the SLA countdown. */
import { LoanQueuePage } from '../../components/loan/staff';
import { routes } from '../../routes';

export default function GuarantorQueuePage() {
  return (
    <LoanQueuePage
      title="创业担保贷款 · 担保审核"
      groups={[{ title: '待担保审核', test: (l) => l.status === 'guarantee_review' }]}
      open={routes.guarantorDetail}
      emptyText="暂无待担保审核的贷款"
    />
  );
}
