/**
 * 我的创业担保贷款: where the loan is on its five steps (人社 → 担保 → 银行 → 放款 → 还清),
 * the contract (principal, rate as LPR + spread, dates), the repayment schedule and record, the
 * 贴息 received per quarter, every step taken; and what the borrower must do next — the 容缺
 * materials, or the counter-guarantee material the guarantee company asked for.
 */
import { useRef, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { messageOf, newIdempotencyKey } from '../../api/client';
import { getLoan, supplementLoan, type LoanDetail } from '../../api/loans';
import { LoanOverview } from '../../components/loan';
import { RemoteState } from '../../components/remote-state';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useRemote } from '../../hooks/useRemote';
import { pickFile, uploadMaterial } from '../../upload/material-file';
import { ensurePrivacyAuthorized } from '../../wechat';
import '../../components/loan/index.scss';

const OPEN_FOR_MATERIALS: LoanDetail['status'][] = [
  'submitted',
  'eligibility_review',
  'guarantee_review',
];

/** What the borrower still owes the review: 容缺 materials and a requested counter-guarantee. */
export function wantedMaterials(loan: LoanDetail): { materialId: string; name: string }[] {
  if (!OPEN_FOR_MATERIALS.includes(loan.status)) return [];
  const wanted = [...loan.missingMaterials];
  if (loan.counterGuarantee && !loan.counterGuarantee.providedAt)
    wanted.push({ materialId: 'counter_guarantee', name: '反担保材料' });
  return wanted;
}

function Supplement({ loan, onDone }: { loan: LoanDetail; onDone: (l: LoanDetail) => void }) {
  const wanted = wantedMaterials(loan);
  const key = useRef(newIdempotencyKey());
  const [files, setFiles] = useState<
    Partial<Record<string, { uploadId: string; fileName: string }>>
  >({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (wanted.length === 0) return null;

  async function upload(materialId: string) {
    if (busy || !(await ensurePrivacyAuthorized())) return;
    const file = await pickFile();
    if (!file) return;
    setBusy(materialId);
    setError(null);
    try {
      const up = await uploadMaterial(materialId, file);
      setFiles((f) => ({ ...f, [materialId]: { uploadId: up.uploadId, fileName: up.fileName } }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  async function send() {
    const materials = Object.entries(files).flatMap(([materialId, f]) =>
      f ? [{ materialId, uploadId: f.uploadId }] : [],
    );
    if (materials.length === 0) {
      setError('请先上传需要补交的材料');
      return;
    }
    setBusy('send');
    setError(null);
    try {
      onDone(await supplementLoan(loan.id, materials, key.current));
      key.current = newIdempotencyKey();
      setFiles({});
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <View className="loan__card" data-testid="loan-supplement">
      <Text className="loan__heading">请补交材料</Text>
      {loan.counterGuarantee && !loan.counterGuarantee.providedAt && (
        <Text className="loan__line loan__warn">
          担保公司要求提供反担保材料：{loan.counterGuarantee.note}
        </Text>
      )}
      {wanted.map((m) => (
        <View key={m.materialId} className="loan__sub">
          <Text className="loan__line">{m.name}</Text>
          <Text className={`loan__line ${files[m.materialId] ? 'loan__ok' : 'muted'}`}>
            {files[m.materialId] ? `已上传：${files[m.materialId]?.fileName ?? ''}` : '待补交'}
          </Text>
          <Button
            size="large"
            loading={busy === m.materialId}
            disabled={Boolean(busy)}
            onClick={() => void upload(m.materialId)}
          >
            {files[m.materialId] ? '重新上传' : '上传文件'}
          </Button>
        </View>
      ))}
      {error && (
        <View role="alert">
          <Text className="loan-form__error">{error}</Text>
        </View>
      )}
      <View className="loan-form__actions">
        <Button
          type="primary"
          size="xlarge"
          block
          loading={busy === 'send'}
          onClick={() => void send()}
        >
          提交补交材料
        </Button>
      </View>
    </View>
  );
}

function Detail({ initial }: { initial: LoanDetail }) {
  const [loan, setLoan] = useState(initial);
  return (
    <View data-testid="loan-detail">
      <Text className="page-title">创业担保贷款</Text>
      <Supplement loan={loan} onDone={setLoan} />
      <LoanOverview loan={loan} />
    </View>
  );
}

export default function LoanDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { remote, reload } = useRemote(() => getLoan(id), [id]);
  useReloadOnShow(reload);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <View className="page">
      <RemoteState remote={remote} onRetry={() => void reload()}>
        {(loan) => <Detail key={`${loan.id}-${String(loan.timeline.length)}`} initial={loan} />}
      </RemoteState>
    </View>
  );
}
