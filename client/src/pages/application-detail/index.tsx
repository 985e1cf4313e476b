import { Placeholder } from '../../components/placeholder'

export default function ApplicationDetailPage() {
  return <Placeholder title="办件详情" note="办件进度、公示与拨付记录。建设中。" />
}
