import { Placeholder } from '../../components/placeholder'

export default function ApplicationsPage() {
  return <Placeholder title="我的办件" note="查看已提交申请的进度与时间线。建设中。" />
}
