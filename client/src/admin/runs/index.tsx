/**
 * 免申即享批次: start an auto-grant run (as of a date, over every auto policy or some)
 * and watch it to the end. The run id is kept in storage so leaving and coming back
 * keeps watching it.
 */
import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { previewRun, startRun, type RunPreviewView, type RunView } from '../../api/admin';
import { fen, formatFen } from '@shared/money';
import { fenInWords } from '@shared/money-words';
import { messageOf, newIdempotencyKey } from '../../api/client';
import { RunProgress } from './run-progress';
import '../admin.scss';

const LAST_RUN = 'zhida.admin.lastRun';

export default function AdminRunsPage() {
  const { params } = useRouter();
  const [runId, setRunId] = useState<string | undefined>(
    () => params.id ?? Taro.getStorageSync<string | undefined>(LAST_RUN),
  );
  const [started, setStarted] = useState<RunView | undefined>();
  const [asOf, setAsOf] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());

  // a county-wide run starts only after the admin saw what it will grant (issue #17)
  const [preview, setPreview] = useState<RunPreviewView | undefined>();

  async function check() {
    if (asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
      setError('日期格式应为 2020-12-15，不填则按今天');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setPreview(await previewRun(asOf ? { asOf } : {}));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function start() {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const run = await startRun({ asOf: preview.asOf }, key.current);
      setPreview(undefined);
      key.current = newIdempotencyKey(); // the next tap is a new run
      Taro.setStorageSync(LAST_RUN, run.id);
      setStarted(run);
      setRunId(run.id);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page">
      <Text className="page-title">免申即享批次</Text>
      <View className="card">
        <Text className="card__line">
          按政府部门已有数据自动认定所有「免申即享」政策的享受对象。重复运行不会重复发放。
        </Text>
        <View className="form-field">
          <Text className="form-field__label">评估日期（可不填，默认今天）</Text>
          <Input
            className="form-field__input"
            placeholder="例如 2020-12-15"
            value={asOf}
            onChange={(v: string) => {
              setAsOf(v.trim());
              setPreview(undefined);
            }}
          />
        </View>
        {error && (
          <View className="form-error" role="alert">
            {error}
          </View>
        )}
        {preview ? (
          <View className="run-confirm" data-testid="run-preview" role="alertdialog">
            <Text className="card__title">请确认本次发放</Text>
            <Text className="card__line">
              评估日期 {preview.asOf}，共核查 {preview.subjectsScanned} 个对象
            </Text>
            <Text className="card__line run-confirm__total" data-testid="run-preview-total">
              将发放 {preview.count} 笔，合计 {formatFen(fen(preview.totalFen))}
            </Text>
            <Text className="card__line">（人民币{fenInWords(fen(preview.totalFen))}）</Text>
            {preview.byPolicy.map((p) => (
              <Text key={p.policyId} className="card__line muted">
                {p.title}：{p.count} 笔，{formatFen(fen(p.totalFen))}
              </Text>
            ))}
            {preview.alreadyGranted + preview.alreadyClaimed > 0 && (
              <Text className="card__line muted">
                已发放或已申请、不再重复发放：{preview.alreadyGranted + preview.alreadyClaimed} 笔
              </Text>
            )}
            <View className="form-field">
              <Button size="xlarge" block onClick={() => setPreview(undefined)}>
                取消
              </Button>
            </View>
            <View className="form-field">
              <Button
                type="primary"
                size="xlarge"
                block
                loading={busy}
                disabled={preview.count === 0}
                data-testid="run-confirm"
                onClick={() => void start()}
              >
                {preview.count === 0 ? '没有需要发放的对象' : `确认发放 ${preview.count} 笔`}
              </Button>
            </View>
          </View>
        ) : (
          <View className="form-field">
            <Button type="primary" size="xlarge" block loading={busy} onClick={() => void check()}>
              核算发放名单
            </Button>
          </View>
        )}
      </View>
      {runId ? (
        <RunProgress
          key={runId}
          runId={runId}
          initial={started?.id === runId ? started : undefined}
        />
      ) : (
        <Text className="muted">还没有运行过批次</Text>
      )}
    </View>
  );
}
