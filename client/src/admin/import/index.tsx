import { Placeholder } from '../../components/placeholder'

export default function AdminImportPage() {
  return <Placeholder title="数据导入" note="导入社保、市场监管等部门数据。建设中。" />
}
