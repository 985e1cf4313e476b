import { Placeholder } from '../../components/placeholder'

export default function PaymentsPage() {
  return <Placeholder title="资金到账" note="每一笔拨付的状态与到账时间。建设中。" />
}
