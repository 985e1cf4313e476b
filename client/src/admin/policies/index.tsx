import { Placeholder } from '../../components/placeholder'

export default function AdminPoliciesPage() {
  return <Placeholder title="政策管理" note="发布与下架政策、设置预算。建设中。" />
}
