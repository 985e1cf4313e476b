import { Placeholder } from '../../components/placeholder'

export default function ReviewDetailPage() {
  return <Placeholder title="审核办件" note="查看材料与规则判定，通过、退回补正或不予通过。建设中。" />
}
