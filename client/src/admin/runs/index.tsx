import { Placeholder } from '../../components/placeholder'

export default function AdminRunsPage() {
  return <Placeholder title="免申即享批次" note="启动与查看自动认定批次。建设中。" />
}
