/**
 * Watches one auto-grant run: GET /v1/admin/runs/{id} every `intervalMs` until it is no
 * longer running, with a progress bar over its segments and the running totals. A failed
 * poll is shown and retried on the next tick rather than ending the watch.
 */
import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { formatFen, type Fen } from '@shared/money';
import { getRun, type RunView } from '../../api/admin';
import { messageOf } from '../../api/client';
import { formatDateTime } from '../../format';
import { RUN_STATUS_LABEL } from '../../labels';

export function RunProgress({
  runId,
  initial,
  intervalMs = 1000,
}: {
  runId: string;
  initial?: RunView;
  intervalMs?: number;
}) {
  const [run, setRun] = useState<RunView | undefined>(initial);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const r = await getRun(runId);
        if (stopped) return;
        setRun(r);
        setError(null);
        if (r.status !== 'running') return;
      } catch (e) {
        if (stopped) return;
        setError(messageOf(e));
      }
      timer = setTimeout(() => void tick(), intervalMs);
    };
    if (initial && initial.status !== 'running') return;
    timer = setTimeout(() => void tick(), initial ? intervalMs : 0);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [runId, intervalMs, initial]);

  if (!run) return <Text className="muted">{error ?? '正在读取批次…'}</Text>;
  const share = run.segmentsTotal > 0 ? run.segmentsDone / run.segmentsTotal : 0;
  const percent = Math.floor(share * 100);
  return (
    <View className="card" data-testid="run-progress">
      <View className="card__head">
        <Text className="card__title">批次 {run.id}</Text>
        <Text
          data-testid="run-status"
          className={run.status === 'failed' ? 'kpi__value--warn' : ''}
        >
          {RUN_STATUS_LABEL[run.status]}
        </Text>
      </View>
      <View className="bar">
        <View className="bar__label">
          <Text>
            分段 {run.segmentsDone} / {run.segmentsTotal}
          </Text>
          <Text data-testid="run-percent">{percent}%</Text>
        </View>
        <View
          className="bar__track"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <View
            className={`bar__fill ${run.status === 'completed' ? 'bar__fill--paid' : ''}`}
            style={{ width: `${percent}%` }}
          />
        </View>
      </View>
      <Text className="card__line">
        评估日期 {run.asOf} · 扫描主体 {run.totals.subjectsScanned} · 评估 {run.totals.evaluations}{' '}
        次
      </Text>
      <Text className="card__line" data-testid="run-grants">
        新认定 {run.totals.grantsCreated} 笔，合计{' '}
        <Text className="money">{formatFen(run.totals.grantedFen as Fen)}</Text>
      </Text>
      {run.totals.errors > 0 && (
        <Text className="card__line warn">出错 {run.totals.errors} 个</Text>
      )}
      {run.lastErrors.map((e, i) => (
        <Text key={i} className="card__line warn">
          {e}
        </Text>
      ))}
      <Text className="card__line muted">
        开始于 {formatDateTime(run.startedAt)}
        {run.finishedAt ? ` · 结束于 ${formatDateTime(run.finishedAt)}` : ''}
      </Text>
      {error && <Text className="form-error">刷新失败：{error}（将自动重试）</Text>}
    </View>
  );
}
