import { Placeholder } from '../../components/placeholder'

export default function GrantsPage() {
  return <Placeholder title="免申即享" note="系统自动认定的补贴，确认收款账户后拨付。建设中。" />
}
