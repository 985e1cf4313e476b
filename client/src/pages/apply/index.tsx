import { Placeholder } from '../../components/placeholder'

export default function ApplyPage() {
  return <Placeholder title="在线申请" note="填写申请、上传材料（可容缺）并提交。建设中。" />
}
