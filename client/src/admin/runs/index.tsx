/**
 * 免申即享批次: start an auto-grant run (as of a date, over every auto policy or some)
 * and watch it to the end. The run id is kept in storage so leaving and coming back
 * keeps watching it.
 */
import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { startRun, type RunView } from '../../api/admin';
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

  async function start() {
    if (asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
      setError('日期格式应为 2020-12-15，不填则按今天');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const run = await startRun(asOf ? { asOf } : {}, key.current);
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
            onChange={(v: string) => setAsOf(v.trim())}
          />
        </View>
        {error && (
          <View className="form-error" role="alert">
            {error}
          </View>
        )}
        <View className="form-field">
          <Button type="primary" size="xlarge" block loading={busy} onClick={() => void start()}>
            开始运行
          </Button>
        </View>
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
