import { Placeholder } from '../../components/placeholder'

export default function AdminDashboardPage() {
  return <Placeholder title="运营看板" note="各政策申请、通过、拨付与超期统计。建设中。" />
}
